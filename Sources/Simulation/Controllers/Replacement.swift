import KubeModel

/// Why the pod a controller makes in place of one it lost would not run.
public struct ReplacementProblem: Sendable, Hashable {
    /// The running pod whose loss the controller answers, and the node it runs on.
    public var lostPod: String
    public var node: String?
    /// The admission chain's refusal of the replacement, if it refuses it.
    public var refusal: AdmissionRefusal?
    /// Objects the replacement needs that do not exist ("ConfigMap shop/settings").
    public var missing: [String]

    public init(lostPod: String, node: String?, refusal: AdmissionRefusal?, missing: [String]) {
        self.lostPod = lostPod; self.node = node; self.refusal = refusal; self.missing = missing
    }
}

extension SimState {
    /// What stops the pod the controller of `w` creates after losing one of its running pods
    /// (a node failed, a pod was evicted or deleted): the admission chain as it stands now,
    /// with the lost pod's quota usage released, and the objects the pod needs. Running pods
    /// were admitted under the rules of their day and are left alone; only the next pods meet
    /// these. Nil when the replacement would run, and for bare and static pods, which no
    /// controller replaces through the API server.
    public func replacementProblem(of w: Int) -> ReplacementProblem? {
        let workload = workloads[w]
        guard let shape = workload.template, workload.kind != .barePod, workload.kind != .staticPod else { return nil }
        let live = livePods(of: w)
        guard let lost = live.first(where: { pods[$0].isScheduled }) ?? live.first else { return nil }
        let lostName = name(of: lost)
        let refusal = admissionRefusal(shape, pod: workload.kind == .statefulSet ? lostName : nil, releasing: pods[lost].shape.spec)
        let missing = missingReferences(of: shape.spec, namespace: shape.namespace)
        guard refusal != nil || !missing.isEmpty else { return nil }
        return ReplacementProblem(lostPod: lostName, node: pods[lost].node.map { nodes[$0].name }, refusal: refusal, missing: missing)
    }
}

extension SimState {
    /// The state once the controller of `w` has replaced one of its running pods, the highest
    /// ordinal (deleted, as a node loss or `kubectl delete pod` does), and the cluster settled:
    /// where an OnDelete update, which replaces nothing by itself, shows what its first pod meets.
    public func replacingOnePod(of w: Int) -> SimState? {
        guard let victim = livePods(of: w).max(by: { ordinal(of: $0) < ordinal(of: $1) }) else { return nil }
        var s = self
        s.remove(victim)
        s.settle()
        return s
    }
}
