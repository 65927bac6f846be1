import KubeModel

extension SimState {
    /// The HorizontalPodAutoscaler that scales workload `w` (same namespace, `scaleTargetRef`
    /// naming it), if any.
    public func autoscaler(of w: Int) -> HorizontalPodAutoscaler? {
        let ref = workloads[w].ref
        return autoscalers.values
            .filter { ($0.metadata.namespace ?? "default") == (ref.namespace ?? "default")
                && $0.spec.scaleTargetRef.kind == ref.kind && $0.spec.scaleTargetRef.name == ref.name }
            .min { ($0.metadata.nameOrEmpty) < ($1.metadata.nameOrEmpty) }
    }

    /// The autoscaler (or anyone) sets the workload's replicas; its controller and the
    /// scheduler follow.
    public mutating func scale(_ w: Int, to replicas: Int) {
        workloads[w].replicas = replicas
        dirty.insert(w)
        touched.insert(w)
        settle()
    }
}
