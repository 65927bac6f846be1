import KubeModel

/// The node a filter looks at, with what is charged to it: the node as it stands, or as it
/// would be with some pods removed (preemption asks both).
public struct NodeView: Sendable {
    public let index: Int
    public var requested: Resources
    public var nonZeroRequested: Resources
    public var usedPorts: [HostPort]

    // Borrowed: an initializer owns its arguments by default, and copying a whole state
    // per node looked at was a tenth of a scheduling cycle.
    init(_ s: borrowing SimState, _ i: Int) {
        index = i
        requested = s.nodes[i].requested
        nonZeroRequested = s.nodes[i].nonZeroRequested
        usedPorts = s.nodes[i].usedHostPorts
    }

    /// The view with pod `p` taken off (or, with `adding`, put on) the node.
    mutating func account(_ p: SimPod, adding: Bool) {
        if adding {
            requested = requested + p.shape.request
            nonZeroRequested = nonZeroRequested + p.shape.scheduling.nonZeroRequest
            usedPorts.append(contentsOf: p.shape.hostPorts)
        } else {
            requested = requested - p.shape.request
            nonZeroRequested = nonZeroRequested - p.shape.scheduling.nonZeroRequest
            for hp in p.shape.hostPorts { if let k = usedPorts.firstIndex(of: hp) { usedPorts.remove(at: k) } }
        }
    }
}

/// The plugin contract of kube-scheduler's framework (`pkg/scheduler/framework/interface.go`):
/// state worked out once per pod per cycle (PreFilter, kept in `CycleState`), a yes or no
/// per node (Filter), and a score per feasible node (Score). PostFilter (preemption) is
/// `DefaultPreemption`, which runs the filters again through `PreFilterExtensions`.
protocol SchedulerPlugin: Sendable {
    var name: String { get }
}

protocol PreFilterPlugin: SchedulerPlugin {
    /// Fills this plugin's part of `cycle`; a status here rejects the pod on every node.
    func preFilter(_ cycle: inout CycleState, _ s: SimState) -> Status?
}

/// How PreFilter state follows a pod added to or removed from a node, so that preemption
/// can ask "and without these pods?" (`PreFilterExtensions.AddPod/RemovePod`).
protocol PreFilterExtensions: PreFilterPlugin {
    func update(_ cycle: inout CycleState, pod: Int, node: Int, adding: Bool, _ s: SimState)
}

protocol FilterPlugin: SchedulerPlugin {
    func filter(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Status?
}

protocol ScorePlugin: SchedulerPlugin {
    /// Prepares what scoring the feasible nodes needs (PreScore).
    func preScore(_ cycle: inout CycleState, feasible: [Int], _ s: SimState)
    /// Node `node` (an index into the state's nodes) as the snapshot holds it: nominated pods
    /// take part in filtering only (`RunScorePlugins` gets the plain node infos).
    func score(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64
    /// The score kube-scheduler v1.20 gave, where it differs: placements are called clear only
    /// when both releases agree on them.
    func scoreV120(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64
    /// Brings the raw scores of the feasible `nodes` to 0...100 (`NormalizeScore`).
    func normalize(_ scores: inout [Int64], nodes: [Int], _ cycle: CycleState)
}

extension ScorePlugin {
    func preScore(_ cycle: inout CycleState, feasible: [Int], _ s: SimState) {}
    func scoreV120(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64 { score(cycle, node: node, s) }
    func normalize(_ scores: inout [Int64], nodes: [Int], _ cycle: CycleState) {}
}

/// `helper.DefaultNormalizeScore`: scales scores so that the highest is 100 (or, reversed,
/// so that the lowest raw score gets 100).
func defaultNormalize(_ scores: inout [Int64], reverse: Bool) {
    let maxScore = scores.max() ?? 0
    if maxScore == 0 {
        if reverse { for i in scores.indices { scores[i] = 100 } }
        return
    }
    for i in scores.indices {
        var s = scores[i] * 100 / maxScore
        if reverse { s = 100 - s }
        scores[i] = s
    }
}
