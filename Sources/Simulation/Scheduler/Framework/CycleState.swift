import KubeModel

/// What the plugins worked out for one pod in one scheduling cycle
/// (`pkg/scheduler/framework/cycle_state.go`). Each plugin owns its part.
public struct CycleState: Sendable {
    /// The pod being scheduled.
    public let pod: Int
    public let shape: PodShape
    /// The only node the pod may go to (a DaemonSet pod, `spec.nodeName`), if any.
    public var pinned: Int?
    /// Nodes a PreFilter limited the pod to (NodeAffinity's `matchFields metadata.name`).
    public var allowedNodes: Set<Int>?
    /// The plugin whose PreFilter produced `allowedNodes`, for the message about the others.
    public var allowedNodesBy: String?
    var spread: SpreadState?
    var spreadScore: SpreadScoreState?
    var interPod: InterPodAffinityState?
    var resolvedAffinity: [AffinityTerm] = []
    var resolvedAntiAffinity: [AffinityTerm] = []
    var interPodScore: [Int: Int64] = [:]
    var volumes: VolumeState?
    var imageHolders: [String: Int] = [:]

    init(pod: Int, in s: borrowing SimState) {
        self.pod = pod
        shape = s.pods[pod].shape
        pinned = s.pods[pod].pinnedNode(in: s)
    }
}
