/// The namespace a tool gives objects that name none, as `kubectl apply -n` and Helm do.
extension KubeObject {
    /// This object in `namespace` when it is namespaced and names no namespace of its own.
    public func defaultingNamespace(to namespace: String) -> KubeObject {
        guard !Self.clusterScopedKinds.contains(kind), metadata.namespace?.isEmpty ?? true else { return self }
        var copy = self
        copy.setNamespace(namespace)
        return copy
    }

    private mutating func setNamespace(_ namespace: String) {
        switch self {
        case .namespace(var o): o.metadata.namespace = namespace; self = .namespace(o)
        case .node(var o): o.metadata.namespace = namespace; self = .node(o)
        case .pod(var o): o.metadata.namespace = namespace; self = .pod(o)
        case .deployment(var o): o.metadata.namespace = namespace; self = .deployment(o)
        case .replicaSet(var o): o.metadata.namespace = namespace; self = .replicaSet(o)
        case .statefulSet(var o): o.metadata.namespace = namespace; self = .statefulSet(o)
        case .daemonSet(var o): o.metadata.namespace = namespace; self = .daemonSet(o)
        case .job(var o): o.metadata.namespace = namespace; self = .job(o)
        case .cronJob(var o): o.metadata.namespace = namespace; self = .cronJob(o)
        case .service(var o): o.metadata.namespace = namespace; self = .service(o)
        case .podDisruptionBudget(var o): o.metadata.namespace = namespace; self = .podDisruptionBudget(o)
        case .resourceQuota(var o): o.metadata.namespace = namespace; self = .resourceQuota(o)
        case .limitRange(var o): o.metadata.namespace = namespace; self = .limitRange(o)
        case .priorityClass(var o): o.metadata.namespace = namespace; self = .priorityClass(o)
        case .horizontalPodAutoscaler(var o): o.metadata.namespace = namespace; self = .horizontalPodAutoscaler(o)
        case .runtimeClass(var o): o.metadata.namespace = namespace; self = .runtimeClass(o)
        case .persistentVolumeClaim(var o): o.metadata.namespace = namespace; self = .persistentVolumeClaim(o)
        case .persistentVolume(var o): o.metadata.namespace = namespace; self = .persistentVolume(o)
        case .storageClass(var o): o.metadata.namespace = namespace; self = .storageClass(o)
        case .reference(var o): o.metadata = o.metadata ?? ObjectMeta(); o.metadata?.namespace = namespace; self = .reference(o)
        case .opaque(var o): o.metadata = o.metadata ?? ObjectMeta(); o.metadata?.namespace = namespace; self = .opaque(o)
        }
    }
}
