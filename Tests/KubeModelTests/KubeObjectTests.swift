import Testing
import Foundation
import Yams
@testable import KubeModel

@Suite struct KubeObjectTests {
    private func decode(_ yaml: String) throws -> KubeObject {
        try ManifestDecoder.decodeValue(KubeObject.self, from: yaml)
    }

    @Test(arguments: [
        ("Namespace", "metadata: {name: shop}"),
        ("Node", "metadata: {name: n1}"),
        ("Pod", "metadata: {name: p}\nspec: {containers: [{name: c}]}"),
        ("Deployment", "metadata: {name: d}\nspec: {template: {spec: {containers: [{name: c}]}}}"),
        ("ReplicaSet", "metadata: {name: r}\nspec: {replicas: 2}"),
        ("StatefulSet", "metadata: {name: s}\nspec: {template: {spec: {containers: [{name: c}]}}}"),
        ("DaemonSet", "metadata: {name: ds}\nspec: {template: {spec: {containers: [{name: c}]}}}"),
        ("Job", "metadata: {name: j}\nspec: {template: {spec: {containers: [{name: c}]}}}"),
        ("CronJob", "metadata: {name: cj}\nspec: {schedule: '* * * * *', jobTemplate: {spec: {template: {spec: {containers: [{name: c}]}}}}}"),
        ("Service", "metadata: {name: svc}\nspec: {selector: {app: a}}"),
        ("PodDisruptionBudget", "metadata: {name: pdb}\nspec: {minAvailable: 1}"),
        ("ResourceQuota", "metadata: {name: q}\nspec: {hard: {pods: '10'}}"),
        ("LimitRange", "metadata: {name: lr}\nspec: {limits: [{type: Container}]}"),
        ("PriorityClass", "metadata: {name: high}\nvalue: 1000"),
        ("HorizontalPodAutoscaler", "metadata: {name: h}\nspec: {scaleTargetRef: {kind: Deployment, name: d}, maxReplicas: 5}"),
    ])
    func dispatchesOnKind(kind: String, body: String) throws {
        let object = try decode("kind: \(kind)\n\(body)")
        #expect(object.kind == kind)
        #expect(!object.isOpaque)
        #expect(object.metadata.name != nil)
    }

    @Test func unknownKindIsOpaque() throws {
        let object = try decode("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: settings, namespace: shop}
            spec: {rules: []}
            """)
        #expect(object.isOpaque)
        #expect(object.kind == "Ingress")
        #expect(object.ref == ObjectRef(kind: "Ingress", namespace: "shop", name: "settings"))
        guard case .opaque(let o) = object else { Issue.record("not opaque"); return }
        #expect(o.apiVersion == "networking.k8s.io/v1")
    }

    @Test func configMapsAreKeptByNameOnly() throws {
        let object = try decode("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            data: {password: hunter2}
            """)
        guard case .reference(let o) = object else { Issue.record("not a reference"); return }
        #expect(o.metadata?.name == "settings")
        // Data is never kept, so it can never be written or logged.
        let encoded = String(decoding: try JSONEncoder().encode(object), as: UTF8.self)
        #expect(!encoded.contains("hunter2"))
    }

    @Test func missingKindIsAnError() {
        #expect(throws: ManifestError.self) { try decode("metadata: {name: x}") }
        #expect(throws: ManifestError.self) { try decode("kind: ''\nmetadata: {name: x}") }
    }

    @Test func refsOfClusterScopedAndNamespacedKinds() throws {
        #expect(try decode("kind: Node\nmetadata: {name: w1, namespace: ignored}").ref
                == ObjectRef(kind: "Node", namespace: nil, name: "w1"))
        #expect(try decode("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}").ref.namespace == "default")
        #expect(ObjectRef(kind: "Pod", namespace: "", name: "p").namespace == nil)
        #expect(ObjectRef(kind: "Pod", namespace: "shop", name: "p").description == "Pod shop/p")
    }

    @Test func podTemplateOfWorkloads() throws {
        let job = try decode("kind: CronJob\nmetadata: {name: cj}\nspec: {schedule: '@daily', jobTemplate: {spec: {template: {spec: {containers: [{name: c}]}}}}}")
        #expect(job.podTemplate?.spec.containers.first?.name == "c")
        #expect(try decode("kind: Service\nmetadata: {name: s}").podTemplate == nil)
    }

    @Test func roundTripsThroughYAML() throws {
        let object = try decode("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: shop}
            spec:
              containers:
              - name: c
                resources: {requests: {cpu: 250m, memory: 512Mi}}
            """)
        let text = try YAMLEncoder().encode(object)
        #expect(try decode(text) == object)
    }
}
