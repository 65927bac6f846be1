import KubeModel

/// Topology pairs ("zone=a") counted for the pod being scheduled.
struct InterPodAffinityState: Sendable {
    struct Pair: Hashable, Sendable { var key: String; var value: String }
    /// Existing pods whose required anti-affinity the incoming pod matches, per pair.
    var existingAntiAffinity: [Pair: Int] = [:]
    /// Pods that match all of the incoming pod's required affinity terms, per pair of each term.
    var affinity: [Pair: Int] = [:]
    /// Pods that match one of the incoming pod's required anti-affinity terms, per pair.
    var antiAffinity: [Pair: Int] = [:]
}

/// `pkg/scheduler/framework/plugins/interpodaffinity` (filtering.go, scoring.go). Required
/// affinity: every term must find a matching pod in the node's domain (unless no pod
/// anywhere matches and the pod matches its own terms: the first pod of a group). Required
/// anti-affinity, both ways: no pod the incoming pod's terms select in the node's domain,
/// and no existing pod whose own anti-affinity selects the incoming pod.
struct InterPodAffinity: PreFilterExtensions, FilterPlugin, ScorePlugin {
    let name = "InterPodAffinity"
    static let reasonAffinity = "node(s) didn't match pod affinity rules"
    static let reasonAntiAffinity = "node(s) didn't match pod anti-affinity rules"
    static let reasonExistingAntiAffinity = "node(s) didn't satisfy existing pods anti-affinity rules"
    typealias Pair = InterPodAffinityState.Pair

    func preFilter(_ cycle: inout CycleState, _ s: SimState) -> Status? {
        let info = cycle.shape.scheduling
        var state = InterPodAffinityState()
        let nsLabels = s.namespaceLabels[cycle.shape.namespace]
        // Existing pods' required anti-affinity terms that select the incoming pod.
        for k in s.antiAffinityPods where !s.pods[k].terminal {
            guard let node = s.pods[k].node else { continue }
            for term in s.pods[k].shape.scheduling.requiredAntiAffinity
            where term.matches(namespace: cycle.shape.namespace, labels: cycle.shape.labels, namespaceLabels: nsLabels) {
                guard let v = s.nodes[node].labels[term.topologyKey] else { continue }
                state.existingAntiAffinity[Pair(key: term.topologyKey, value: v), default: 0] += 1
            }
        }
        // The incoming pod's terms against every scheduled pod they can select
        // (`getIncomingAffinityAntiAffinityCounts`).
        let affinity = Self.resolved(info.requiredAffinity, s), anti = Self.resolved(info.requiredAntiAffinity, s)
        if !affinity.isEmpty {
            for (k, node) in Self.selected(by: affinity[0], s) {
                let p = s.pods[k]
                guard affinity.allSatisfy({ $0.matches(namespace: p.namespace, labels: p.shape.labels, namespaceLabels: nil) }) else { continue }
                for t in affinity { if let v = s.nodes[node].labels[t.topologyKey] { state.affinity[Pair(key: t.topologyKey, value: v), default: 0] += 1 } }
            }
        }
        for t in anti {
            for (_, node) in Self.selected(by: t, s) {
                if let v = s.nodes[node].labels[t.topologyKey] { state.antiAffinity[Pair(key: t.topologyKey, value: v), default: 0] += 1 }
            }
        }
        if affinity.isEmpty && anti.isEmpty && state.existingAntiAffinity.isEmpty { return nil }
        cycle.interPod = state
        cycle.resolvedAffinity = affinity
        cycle.resolvedAntiAffinity = anti
        return nil
    }

    /// Terms with their namespace selector turned into the namespaces it selects now
    /// (`mergeAffinityTermNamespacesIfNotEmpty`).
    static func resolved(_ terms: [AffinityTerm], _ s: SimState) -> [AffinityTerm] {
        terms.map { t in
            guard let sel = t.namespaceSelector else { return t }
            var r = t
            for (ns, labels) in s.namespaceLabels where sel.matches(labels) { r.namespaces.insert(ns) }
            r.namespaceSelector = nil
            return r
        }
    }

    /// Scheduled, live pods a term selects, with their nodes.
    static func selected(by term: AffinityTerm, _ s: SimState) -> [(Int, Int)] {
        guard let selector = term.selector else { return [] }
        var namespaces = term.namespaces
        if let nsSel = term.namespaceSelector {
            for (ns, labels) in s.namespaceLabels where nsSel.matches(labels) { namespaces.insert(ns) }
        }
        var out: [(Int, Int)] = []
        for ns in namespaces.sorted() {
            for k in s.candidates(namespace: ns, pairs: selector.matchLabels ?? [:], matches: { selector.matches($0.shape.labels) }) {
                if let node = s.pods[k].node { out.append((k, node)) }
            }
        }
        return out
    }

    func update(_ cycle: inout CycleState, pod: Int, node: Int, adding: Bool, _ s: SimState) {
        guard var state = cycle.interPod else { return }
        let p = s.pods[pod]
        let labels = s.nodes[node].labels
        let delta = adding ? 1 : -1
        let nsLabels = s.namespaceLabels[cycle.shape.namespace]
        for term in p.shape.scheduling.requiredAntiAffinity
        where term.matches(namespace: cycle.shape.namespace, labels: cycle.shape.labels, namespaceLabels: nsLabels) {
            if let v = labels[term.topologyKey] { state.existingAntiAffinity[Pair(key: term.topologyKey, value: v), default: 0] += delta }
        }
        let affinity = cycle.resolvedAffinity
        if !affinity.isEmpty && affinity.allSatisfy({ $0.matches(namespace: p.namespace, labels: p.shape.labels, namespaceLabels: nil) }) {
            for t in affinity { if let v = labels[t.topologyKey] { state.affinity[Pair(key: t.topologyKey, value: v), default: 0] += delta } }
        }
        for t in cycle.resolvedAntiAffinity where t.matches(namespace: p.namespace, labels: p.shape.labels, namespaceLabels: nil) {
            if let v = labels[t.topologyKey] { state.antiAffinity[Pair(key: t.topologyKey, value: v), default: 0] += delta }
        }
        cycle.interPod = state
    }

    /// `satisfyPodAffinity`, `satisfyPodAntiAffinity`, `satisfyExistingPodsAntiAffinity`, in that order.
    func filter(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Status? {
        guard let state = cycle.interPod else { return nil }
        let labels = s.nodes[node.index].labels
        let affinity = cycle.resolvedAffinity
        if !affinity.isEmpty {
            var podsExist = true
            for t in affinity {
                guard let v = labels[t.topologyKey] else { return .unresolvable(name, Self.reasonAffinity) }
                if (state.affinity[Pair(key: t.topologyKey, value: v)] ?? 0) <= 0 { podsExist = false }
            }
            // The first pod of a group with affinity to itself: nothing matches anywhere yet.
            if !podsExist && !(state.affinity.isEmpty && affinity.allSatisfy({
                $0.matches(namespace: cycle.shape.namespace, labels: cycle.shape.labels, namespaceLabels: nil)
            })) {
                return .unresolvable(name, Self.reasonAffinity)
            }
        }
        for t in cycle.resolvedAntiAffinity {
            if let v = labels[t.topologyKey], (state.antiAffinity[Pair(key: t.topologyKey, value: v)] ?? 0) > 0 {
                return .unschedulable(name, Self.reasonAntiAffinity)
            }
        }
        for (pair, n) in state.existingAntiAffinity where n > 0 && labels[pair.key] == pair.value {
            return .unschedulable(name, Self.reasonExistingAntiAffinity)
        }
        return nil
    }

    /// Preferred terms of the incoming pod (weight ± per matching pod in the node's domain),
    /// and those of existing pods toward it (their required affinity at the hard weight 1).
    func preScore(_ cycle: inout CycleState, feasible: [Int], _ s: SimState) {
        let info = cycle.shape.scheduling
        var byPair: [Pair: Int64] = [:]
        let nsLabels = s.namespaceLabels[cycle.shape.namespace]
        for term in info.preferredAffinity {
            for (_, node) in Self.selected(by: term, s) {
                if let v = s.nodes[node].labels[term.topologyKey] { byPair[Pair(key: term.topologyKey, value: v), default: 0] += Int64(term.weight) }
            }
        }
        for term in info.preferredAntiAffinity {
            for (_, node) in Self.selected(by: term, s) {
                if let v = s.nodes[node].labels[term.topologyKey] { byPair[Pair(key: term.topologyKey, value: v), default: 0] -= Int64(term.weight) }
            }
        }
        for k in s.affinityPods where !s.pods[k].terminal {
            guard let node = s.pods[k].node else { continue }
            let e = s.pods[k].shape.scheduling
            func add(_ terms: [AffinityTerm], _ sign: Int64, hard: Bool) {
                for t in terms where t.matches(namespace: cycle.shape.namespace, labels: cycle.shape.labels, namespaceLabels: nsLabels) {
                    if let v = s.nodes[node].labels[t.topologyKey] { byPair[Pair(key: t.topologyKey, value: v), default: 0] += sign * (hard ? 1 : Int64(t.weight)) }
                }
            }
            add(e.requiredAffinity, 1, hard: true)
            add(e.preferredAffinity, 1, hard: false)
            add(e.preferredAntiAffinity, -1, hard: false)
        }
        var scores: [Int: Int64] = [:]
        // Most pods have no terms and match none: then every node scores 0.
        for i in feasible where !byPair.isEmpty {
            var total: Int64 = 0
            for (pair, w) in byPair where s.nodes[i].labels[pair.key] == pair.value { total += w }
            if total != 0 { scores[i] = total }
        }
        cycle.interPodScore = scores
    }

    func score(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64 { cycle.interPodScore[node] ?? 0 }

    /// Scaled between the lowest and highest score: (score − min) × 100 / (max − min).
    /// `NormalizeScore` (`interpodaffinity/scoring.go`): the range starts at 0 on both ends,
    /// so a node with no matching pods is the floor only when some node scores below zero.
    func normalize(_ scores: inout [Int64], nodes: [Int], _ cycle: CycleState) {
        let hi = max(0, scores.max() ?? 0), lo = min(0, scores.min() ?? 0)
        for i in scores.indices { scores[i] = hi > lo ? Int64(100 * (Double(scores[i] - lo) / Double(hi - lo))) : 0 }
    }
}
