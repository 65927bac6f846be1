import Foundation
import KubeModel

/// A CREATE AdmissionReview for an object, shaped like the ones kube-apiserver sends
/// (see ../shared/fixtures/admission-review/create.json), for load tests.
enum DemoReview {
    static func json(for object: KubeObject) throws -> String {
        let objectJSON = try JSONSerialization.jsonObject(with: JSONEncoder().encode(object))
        let (group, version) = groupVersion(object)
        let review: [String: Any] = [
            "kind": "AdmissionReview",
            "apiVersion": "admission.k8s.io/v1",
            "request": [
                "uid": "00000000-0000-4000-8000-000000000001",
                "kind": ["group": group, "version": version, "kind": object.kind],
                "resource": ["group": group, "version": version, "resource": object.kind.lowercased() + "s"],
                "requestKind": ["group": group, "version": version, "kind": object.kind],
                "requestResource": ["group": group, "version": version, "resource": object.kind.lowercased() + "s"],
                "name": object.metadata.nameOrEmpty,
                "namespace": object.ref.namespace ?? "",
                "operation": "CREATE",
                "userInfo": ["username": "admin", "uid": "admin-uid", "groups": ["system:masters", "system:authenticated"]] as [String: Any],
                "object": objectJSON,
                "oldObject": NSNull(),
                "dryRun": false,
                "options": ["kind": "CreateOptions", "apiVersion": "meta.k8s.io/v1", "fieldManager": "kubectl-client-side-apply"],
            ] as [String: Any],
        ]
        let data = try JSONSerialization.data(withJSONObject: review, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private static func groupVersion(_ object: KubeObject) -> (String, String) {
        switch object.kind {
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet": ("apps", "v1")
        case "Job", "CronJob": ("batch", "v1")
        default: ("", "v1")
        }
    }
}
