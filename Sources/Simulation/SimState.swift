import KubeModel

/// Everything the controllers, scheduler and kubelet act on. A value: copying it is how the
/// planner branches.
public struct SimState: Sendable {
    public var nodes: [SimNode] = []
    public var nodeIndex: [String: Int] = [:]
    public var pods: [SimPod] = []
    public var workloads: [SimWorkload] = []
    public var workloadIndex: [ObjectRef: Int] = [:]
    public var services: [Service] = []
    public var pdbs: [PodDisruptionBudget] = []
    public var quotas: [QuotaState] = []
    public var limitRanges: [String: [LimitRange]] = [:]
    public var priorityClasses: [String: PriorityClass] = [:]
    public var namespaceLabels: [String: [String: String]] = [:]
    /// Pods of each workload as the snapshot reported them, for the kubelet model's evidence.
    public var evidence: [Int: [Pod]] = [:]
    /// What happened while settling: rejections, preemptions, evictions.
    public var events: [SimEvent] = []
    /// Seconds of simulated time, advanced by the planner's events.
    public var clock: Int = 0
    var nextSequence = 0

    public func workload(_ ref: ObjectRef) -> SimWorkload? { workloadIndex[ref].map { workloads[$0] } }

    public func pods(of workload: Int) -> [SimPod] { pods.filter { $0.owner == workload && !$0.terminal } }
}

/// Something the simulation did that findings are made of.
public enum SimEvent: Sendable, Hashable {
    /// A controller could not create a pod: quota or LimitRange said no.
    case rejected(workload: Int, reason: String)
    /// The scheduler preempted `victim` (a pod name) of `victimOwner` to place a pod of `by`.
    case preempted(victim: String, victimOwner: Int?, node: String, by: Int?)
    /// The pod was evicted from a failed or drained node.
    case evicted(pod: String, owner: Int?, node: String)
}
