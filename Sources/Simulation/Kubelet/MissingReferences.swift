import KubeModel

/// Objects a pod needs before it can run. The ServiceAccount admission plugin refuses a pod
/// whose service account does not exist (`plugin/pkg/admission/serviceaccount/admission.go`:
/// `error looking up service account`), and the kubelet does not start a container whose
/// non-optional ConfigMap or Secret (volume, `envFrom`, `valueFrom`) is missing
/// (`CreateContainerConfigError`; volumes wait in `ContainerCreating`). Such an object may
/// still arrive later in the same apply, so this is told, not judged as certain.
extension SimState {
    public static let referencedKinds: Set<String> = ["ConfigMap", "Secret", "ServiceAccount"]

    /// "ConfigMap shop/settings", ... for each object the spec needs and the cluster lacks,
    /// among the kinds the cluster reported.
    public func missingReferences(of spec: PodSpec, namespace: String) -> [String] {
        var needed: [ObjectReference] = []
        for c in spec.containers + spec.initContainersOrEmpty { needed += c.envSources ?? [] }
        for v in spec.volumes ?? [] { needed += v.references }
        var out: [String] = []
        for r in needed where !r.optional && reportedKinds.contains(r.kind) {
            let ref = ObjectRef(kind: r.kind, namespace: namespace, name: r.name)
            if !namedObjects.contains(ref) { out.append("\(r.kind) \(namespace)/\(r.name)") }
        }
        // "default" is made in every namespace by the service account controller.
        if let sa = spec.serviceAccountName, !sa.isEmpty, sa != "default", reportedKinds.contains("ServiceAccount"),
           !namedObjects.contains(ObjectRef(kind: "ServiceAccount", namespace: namespace, name: sa)) {
            out.append("ServiceAccount \(namespace)/\(sa)")
        }
        return Array(Set(out)).sorted()
    }
}
