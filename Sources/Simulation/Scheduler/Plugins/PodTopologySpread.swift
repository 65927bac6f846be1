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

/// What PreScore works out for scoring: each feasible node's raw score (matching pods in its
/// domain times the constraint's weight, plus maxSkew - 1, summed), by node index.
struct SpreadScoreState: Sendable {
    var raw: [Double]
    /// Feasible nodes without every topology key, by node index: they get no score.
    var ignored: [Bool]
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
        if c.honorNodeAffinity && !NodeAffinity.matches(info, s.nodes[i]) { return false }
        if c.honorTaints && TaintToleration.untolerated(s.nodes[i].effectiveTaints, info.tolerations) != nil { return false }
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
        return [SpreadConstraint(maxSkew: 3, topologyKey: SimNode.Topology.hostnameKey, selector: selector),
                SpreadConstraint(maxSkew: 5, topologyKey: SimNode.Topology.zoneKey, selector: selector)]
    }

    /// `initPreScoreState` and `Score` (scoring.go): a constraint's weight is log(size + 2),
    /// its size the number of its domains among the feasible nodes that have every key, and
    /// for the hostname key simply the number of those nodes (upstream does not look the
    /// hostnames up). The scores are worked out here, once per feasible node, with one look-up
    /// of each key per node: this runs for every pod a node failure reschedules.
    func preScore(_ cycle: inout CycleState, feasible: [Int], _ s: SimState) {
        let constraints = Self.scoringConstraints(cycle, s)
        guard !constraints.isEmpty else { return }
        let keys = constraints.map { TopologyKey($0.topologyKey) }
        let byHostname = keys.map { if case .hostname = $0 { true } else { false } }
        let perNode = Self.podsPerNode(constraints, namespace: cycle.shape.namespace, s)
        let counts = Self.occupiedDomainCounts(constraints, perNode: perNode, info: cycle.shape.scheduling, s)
        // Matching pods on each node, by node index, for the hostname constraints.
        let onNode: [[Int]] = keys.indices.map { j in
            guard byHostname[j] else { return [] }
            var dense = Array(repeating: 0, count: s.nodes.count)
            for (i, n) in perNode[j] { dense[i] = n }
            return dense
        }
        // Matching pods in each feasible node's domain, per constraint; and per constraint the
        // domains of feasible nodes seen, with their counts.
        var matching = Array(repeating: 0, count: feasible.count * keys.count)
        var seen: [[String: Int]] = Array(repeating: [:], count: keys.count)
        var ignored = Array(repeating: false, count: s.nodes.count)
        var counted = 0
        for (f, i) in feasible.enumerated() {
            var complete = true
            for j in keys.indices {
                guard let domain = s.nodes[i].label(keys[j]) else { complete = false; break }
                if byHostname[j] {
                    matching[f * keys.count + j] = onNode[j][i]
                } else if let n = seen[j][domain] {
                    matching[f * keys.count + j] = n
                } else {
                    let n = counts[j][domain] ?? 0
                    seen[j][domain] = n
                    matching[f * keys.count + j] = n
                }
            }
            if complete { counted += 1 } else { ignored[i] = true }
        }
        let weights = keys.indices.map { log(Double((byHostname[$0] ? counted : seen[$0].count) + 2)) }
        var raw = Array(repeating: 0.0, count: s.nodes.count)
        for (f, i) in feasible.enumerated() where !ignored[i] {
            var score = 0.0
            for (j, c) in constraints.enumerated() { score += Double(matching[f * keys.count + j]) * weights[j] + Double(c.maxSkew - 1) }
            raw[i] = score
        }
        cycle.spreadScore = SpreadScoreState(raw: raw, ignored: ignored)
    }

    /// Rounded in current releases (`podtopologyspread/scoring.go`); v1.20 truncated.
    func score(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64 { Int64(rawScore(cycle, node).rounded()) }

    func scoreV120(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64 { Int64(rawScore(cycle, node)) }

    func rawScore(_ cycle: CycleState, _ node: Int) -> Double { cycle.spreadScore?.raw[node] ?? 0 }

    /// Fewer matching pods is better: max + min − score, scaled to 100; ignored nodes get 0.
    func normalize(_ scores: inout [Int64], nodes: [Int], _ cycle: CycleState) {
        guard let st = cycle.spreadScore else { return }
        let counted = scores.indices.filter { !st.ignored[nodes[$0]] }
        let maxScore = counted.map { scores[$0] }.max() ?? 0, minScore = counted.map { scores[$0] }.min() ?? 0
        for i in scores.indices {
            if st.ignored[nodes[i]] { scores[i] = 0; continue }
            scores[i] = maxScore == 0 ? 100 : 100 * (maxScore + minScore - scores[i]) / maxScore
        }
    }
}
