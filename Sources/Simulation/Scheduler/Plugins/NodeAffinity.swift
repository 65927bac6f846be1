import KubeModel

/// `pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go`: `nodeSelector` and the
/// required node affinity must both hold; a required term naming nodes by
/// `matchFields metadata.name` limits the pod to them before any node is filtered
/// (PreFilterResult). Preferred terms add their weights in scoring.
struct NodeAffinity: PreFilterPlugin, FilterPlugin, ScorePlugin {
    let name = "NodeAffinity"
    static let reason = "node(s) didn't match Pod's node affinity/selector"
    static let conflictReason = "pod affinity terms conflict"

    func preFilter(_ cycle: inout CycleState, _ s: SimState) -> Status? {
        // A DaemonSet pod carries `matchFields metadata.name In [node]`; the simulation keeps
        // that as its pin.
        if let pinned = s.pods[cycle.pod].pinned {
            cycle.allowedNodes = [pinned]
            cycle.allowedNodesBy = name
            return nil
        }
        guard let terms = cycle.shape.scheduling.requiredNodeTerms, !terms.isEmpty else { return nil }
        // Only when every term names nodes (`In` on metadata.name) is the set known up front.
        var names = Set<String>()
        for term in terms {
            let fields = (term.matchFields ?? []).filter { $0.key == "metadata.name" && $0.operator == "In" }
            guard let first = fields.first else { return nil }
            var set = Set(first.values ?? [])
            for f in fields.dropFirst() { set.formIntersection(f.values ?? []) }
            names.formUnion(set)
        }
        // Every term's names intersect to nothing: no node can match (`errReasonConflict`).
        if names.isEmpty { return .unresolvable(name, Self.conflictReason) }
        // Names of nodes the cluster lacks leave the set smaller, possibly empty: every node
        // outside it is reported as "didn't satisfy plugin(s)" (`SetAbsentNodesStatus`).
        let allowed = Set(names.compactMap { s.nodeIndex[$0] })
        cycle.allowedNodes = allowed
        cycle.allowedNodesBy = name
        return nil
    }

    func filter(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Status? {
        let info = cycle.shape.scheduling
        if info.nodeSelector.isEmpty && info.requiredNodeTerms == nil { return nil }
        return Self.matches(info, s.nodes[node.index]) ? nil : .unresolvable(name, Self.reason)
    }

    /// `nodeaffinity.GetRequiredNodeAffinity(pod).Match(node)`.
    static func matches(_ info: SchedulingInfo, _ node: SimNode) -> Bool {
        for (k, v) in info.nodeSelector where node.labels[k] != v { return false }
        guard let terms = info.requiredNodeTerms else { return true }
        // An empty list of terms matches no node (`NodeSelector` with no terms).
        return terms.contains { termMatches($0, node) }
    }

    /// `v1helper.MatchNodeSelectorTerms` for one term: every expression and field must hold;
    /// a term with neither matches nothing.
    static func termMatches(_ term: NodeSelectorTerm, _ node: SimNode) -> Bool {
        let exprs = term.matchExpressions ?? [], fields = term.matchFields ?? []
        if exprs.isEmpty && fields.isEmpty { return false }
        for r in exprs {
            if !LabelSelector.requirementMatches(key: r.key, op: r.operator, values: r.values ?? [], labels: node.labels) { return false }
        }
        for r in fields {
            guard r.key == "metadata.name" else { return false }
            if !LabelSelector.requirementMatches(key: r.key, op: r.operator, values: r.values ?? [], labels: ["metadata.name": node.name]) { return false }
        }
        return true
    }

    func score(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64 {
        var total: Int64 = 0
        for p in cycle.shape.scheduling.preferredNodeTerms where p.weight != 0 {
            if Self.termMatches(p.preference, s.nodes[node]) { total += Int64(p.weight) }
        }
        return total
    }

    func normalize(_ scores: inout [Int64], nodes: [Int], _ cycle: CycleState) { defaultNormalize(&scores, reverse: false) }
}
