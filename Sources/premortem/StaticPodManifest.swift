import KubeModel
import Simulation

/// A static pod manifest (`/etc/kubernetes/manifests/etcd.yaml`) is judged as the mirror
/// pod the kubelet would publish for it: named `<name>-<node>`, bound to the node, owned by
/// the Node, with the mirror annotation.
enum StaticPodManifest {
    static func asMirror(_ o: KubeObject, node: String, cluster: Cluster) throws -> KubeObject {
        guard case .pod(var pod) = o else {
            throw InputFailure(message: "--node takes static pod manifests (kind: Pod), not \(o.kind)")
        }
        let base = pod.metadata.nameOrEmpty
        let name = base.hasSuffix("-\(node)") ? base : "\(base)-\(node)"
        pod.metadata.name = name
        pod.metadata.namespace = pod.metadata.namespace ?? "kube-system"
        pod.spec.nodeName = node
        let existing = cluster[ObjectRef(kind: "Pod", namespace: pod.metadata.namespace, name: name)]
        var annotations = pod.metadata.annotationsOrEmpty
        annotations["kubernetes.io/config.mirror"] = existing?.metadata.annotationsOrEmpty["kubernetes.io/config.mirror"] ?? "manifest"
        annotations["kubernetes.io/config.source"] = "file"
        pod.metadata.annotations = annotations
        pod.metadata.ownerReferences = [OwnerReference(kind: "Node", name: node)]
        pod.status = nil
        return .pod(pod)
    }
}
