import Foundation
import KubeModel

/// Matching pods per topology domain, for the pod's DoNotSchedule constraints.
struct SpreadState: Sendable {
    struct Constraint: Sendable {
        var c: SpreadConstraint
        /// Matching pods in each domain (value of the topology key) of a node that counts.
        var counts: [String: Int]
    }
    var constraints: [Constraint]
}

/// Matching pods per domain for scoring, and the weight of each constraint.
struct SpreadScoreState: Sendable {
    var constraints: [SpreadConstraint]
    var counts: [[String: Int]]
    /// Matching pods per node, per constraint: what a hostname constraint scores by.
    var perNode: [[Int: Int]]
    var weights: [Double]
    /// Feasible nodes without every topology key: they get no score.
    var ignored: Set<Int>
}

/// `pkg/scheduler/framework/plugins/podtopologyspread` (filtering.go, scoring.go, common.go).
/// PreFilter counts the pods each DoNotSchedule constraint selects per domain, over the nodes
/// that count (they have every topology key of the pod's constraints; with
/// `nodeAffinityPolicy: Honor` they match the pod's node affinity; with `nodeTaintsPolicy:
/// Honor` the pod tolerates their taints). The filter then holds the skew — matching pods in
/// the node's domain, plus the pod itself if it matches, minus the fewest in any domain (0 if
/// fewer domains than `minDomains`) — to `maxSkew`. Scoring spreads by the ScheduleAnyway
/// constraints, or by the system defaults for pods that state none.
struct PodTopologySpread: PreFilterExtensions, FilterPlugin, ScorePlugin {
    let name = "PodTopologySpread"
    static let reasonNotMatch = "node(s) didn't match pod topology spread constraints"
    static let reasonMissingLabel = "node(s) didn't match pod topology spread constraints (missing required label)"

    /// Whether node `i` counts for constraint `c` of a pod (`matchNodeInclusionPolicies`).
    static func counts(_ c: SpreadConstraint, node i: Int, info: SchedulingInfo, _ s: SimState) -> Bool {
        let n = s.nodes[i]
        if c.honorNodeAffinity && !NodeAffinity.matches(info, n) { return false }
        if c.honorTaints && TaintToleration.untolerated(n.effectiveTaints, info.tolerations) != nil { return false }
        return true
    }

    /// The counts of the domains that hold matching pods, from the nodes that hold them: what
    /// scoring needs (an empty domain counts 0), without a pass over every node per pod.
    static func occupiedDomainCounts(_ constraints: [SpreadConstraint], perNode: [[Int: Int]], info: SchedulingInfo, _ s: SimState) -> [[String: Int]] {
        let keys = constraints.map(\.topologyKey)
        var counts = Array(repeating: [String: Int](), count: constraints.count)
        for (j, c) in constraints.enumerated() {
            for (i, n) in perNode[j] {
                let labels = s.nodes[i].labels
                guard keys.allSatisfy({ labels[$0] != nil }), Self.counts(c, node: i, info: info, s) else { continue }
                counts[j][labels[c.topologyKey]!, default: 0] += n
            }
        }
        return counts
    }

    /// Domains and counts of `constraints` over the nodes that count.
    static func domainCounts(_ constraints: [SpreadConstraint], info: SchedulingInfo, namespace: String, _ s: SimState) -> [[String: Int]] {
        domainCounts(constraints, perNode: podsPerNode(constraints, namespace: namespace, s), info: info, s)
    }

    /// Matching pods on each node, per constraint, found through the label index where the
    /// selector allows (a nil selector matches nothing).
    static func podsPerNode(_ constraints: [SpreadConstraint], namespace: String, _ s: SimState) -> [[Int: Int]] {
        constraints.map { c in
            var m: [Int: Int] = [:]
            if let sel = c.selector {
                for k in s.candidates(namespace: namespace, pairs: sel.matchLabels ?? [:], matches: { sel.matches($0.shape.labels) }) {
                    if let node = s.pods[k].node { m[node, default: 0] += 1 }
                }
            }
            return m
        }
    }

    static func domainCounts(_ constraints: [SpreadConstraint], perNode: [[Int: Int]], info: SchedulingInfo, _ s: SimState) -> [[String: Int]] {
        var counts = Array(repeating: [String: Int](), count: constraints.count)
        let keys = constraints.map(\.topologyKey)
        for i in s.nodes.indices {
            let labels = s.nodes[i].labels
            guard keys.allSatisfy({ labels[$0] != nil }) else { continue }
            for (j, c) in constraints.enumerated() where Self.counts(c, node: i, info: info, s) {
                counts[j][labels[c.topologyKey]!, default: 0] += perNode[j][i] ?? 0
            }
        }
        return counts
    }

    func preFilter(_ cycle: inout CycleState, _ s: SimState) -> Status? {
        let info = cycle.shape.scheduling
        let hard = info.spread.filter(\.doNotSchedule)
        guard !hard.isEmpty else { return nil }
        let counts = Self.domainCounts(hard, info: info, namespace: cycle.shape.namespace, s)
        cycle.spread = SpreadState(constraints: zip(hard, counts).map { SpreadState.Constraint(c: $0, counts: $1) })
        return nil
    }

    func update(_ cycle: inout CycleState, pod: Int, node: Int, adding: Bool, _ s: SimState) {
        guard var state = cycle.spread else { return }
        let p = s.pods[pod]
        let labels = s.nodes[node].labels
        let info = cycle.shape.scheduling
        guard state.constraints.allSatisfy({ labels[$0.c.topologyKey] != nil }) else { return }
        for j in state.constraints.indices {
            let c = state.constraints[j].c
            guard p.namespace == cycle.shape.namespace, c.selector?.matches(p.shape.labels) == true,
                  Self.counts(c, node: node, info: info, s) else { continue }
            state.constraints[j].counts[labels[c.topologyKey]!, default: 0] += adding ? 1 : -1
        }
        cycle.spread = state
    }

    func filter(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Status? {
        guard let state = cycle.spread else { return nil }
        let labels = s.nodes[node.index].labels
        for k in state.constraints {
            guard let domain = labels[k.c.topologyKey] else { return .unresolvable(name, Self.reasonMissingLabel) }
            let selfMatch = k.c.selector?.matches(cycle.shape.labels) == true ? 1 : 0
            // Fewer domains than minDomains: the global minimum is taken as 0.
            let minimum = k.counts.count < k.c.minDomains ? 0 : (k.counts.values.min() ?? 0)
            if (k.counts[domain] ?? 0) + selfMatch - minimum > k.c.maxSkew {
                return .unschedulable(name, Self.reasonNotMatch)
            }
        }
        return nil
    }

    /// The constraints scoring spreads by: ScheduleAnyway ones, or for a pod with none at all,
    /// the system defaults (zone maxSkew 5, hostname maxSkew 3) over the selector of the
    /// Services and controllers that select the pod (`helper.DefaultSelector`).
    static func scoringConstraints(_ cycle: CycleState, _ s: SimState) -> [SpreadConstraint] {
        let info = cycle.shape.scheduling
        if !info.spread.isEmpty { return info.spread.filter { !$0.doNotSchedule } }
        guard let selector = s.defaultSelector(for: cycle.shape, owner: s.pods[cycle.pod].owner) else { return [] }
        return [SpreadConstraint(maxSkew: 3, topologyKey: "kubernetes.io/hostname", selector: selector),
                SpreadConstraint(maxSkew: 5, topologyKey: "topology.kubernetes.io/zone", selector: selector)]
    }

    func preScore(_ cycle: inout CycleState, feasible: [Int], _ s: SimState) {
        let constraints = Self.scoringConstraints(cycle, s)
        guard !constraints.isEmpty else { return }
        let keys = constraints.map(\.topologyKey)
        var ignored = Set<Int>()
        var domainsByKey: [[String: Bool]] = Array(repeating: [:], count: constraints.count)
        for i in feasible {
            let labels = s.nodes[i].labels
            guard keys.allSatisfy({ labels[$0] != nil }) else { ignored.insert(i); continue }
            for (j, c) in constraints.enumerated() { domainsByKey[j][labels[c.topologyKey]!] = true }
        }
        let perNode = Self.podsPerNode(constraints, namespace: cycle.shape.namespace, s)
        let counts = Self.occupiedDomainCounts(constraints, perNode: perNode, info: cycle.shape.scheduling, s)
        // Only domains of feasible nodes take part; weight by log(number of those + 2).
        let weights = domainsByKey.map { log(Double($0.count + 2)) }
        cycle.spreadScore = SpreadScoreState(constraints: constraints, counts: counts, perNode: perNode, weights: weights, ignored: ignored)
    }

    /// Rounded in current releases (`podtopologyspread/scoring.go`); v1.20 truncated.
    func score(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Int64 { Int64(rawScore(cycle, node, s).rounded()) }

    func scoreV120(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Int64 { Int64(rawScore(cycle, node, s)) }

    func rawScore(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Double {
        guard let st = cycle.spreadScore, !st.ignored.contains(node.index) else { return 0 }
        let labels = s.nodes[node.index].labels
        var score = 0.0
        for (j, c) in st.constraints.enumerated() {
            guard let domain = labels[c.topologyKey] else { continue }
            let count = c.topologyKey == "kubernetes.io/hostname"
                ? (st.perNode[j][node.index] ?? 0) : (st.counts[j][domain] ?? 0)
            score += Double(count) * st.weights[j] + Double(c.maxSkew - 1)
        }
        return score
    }

    /// Fewer matching pods is better: max + min − score, scaled to 100; ignored nodes get 0.
    func normalize(_ scores: inout [Int64], nodes: [Int], _ cycle: CycleState) {
        guard let st = cycle.spreadScore else { return }
        let counted = scores.indices.filter { !st.ignored.contains(nodes[$0]) }
        let maxScore = counted.map { scores[$0] }.max() ?? 0, minScore = counted.map { scores[$0] }.min() ?? 0
        for i in scores.indices {
            if st.ignored.contains(nodes[i]) { scores[i] = 0; continue }
            scores[i] = maxScore == 0 ? 100 : 100 * (maxScore + minScore - scores[i]) / maxScore
        }
    }
}
