import KubeModel

/// `pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go`: NoSchedule and
/// NoExecute taints keep out pods that do not tolerate them; PreferNoSchedule ones count
/// against a node in scoring.
struct TaintToleration: FilterPlugin, ScorePlugin {
    let name = "TaintToleration"

    /// The first NoSchedule/NoExecute taint the tolerations leave standing
    /// (`v1helper.FindMatchingUntoleratedTaint`).
    static func untolerated(_ taints: [Taint], _ tolerations: [Toleration]) -> Taint? {
        taints.first { t in
            (t.effect == "NoSchedule" || t.effect == "NoExecute") && !tolerations.contains { $0.tolerates(t) }
        }
    }

    static func reason(_ t: Taint) -> String { "node(s) had untolerated taint {\(t.key): \(t.value ?? "")}" }

    func filter(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Status? {
        guard let t = Self.untolerated(s.nodes[node.index].effectiveTaints, cycle.shape.scheduling.tolerations) else { return nil }
        return .unresolvable(name, Self.reason(t))
    }

    /// Untolerated PreferNoSchedule taints; only tolerations for that effect (or any) count.
    func score(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64 {
        var n: Int64 = 0
        for t in s.nodes[node].taints where t.effect == "PreferNoSchedule" {
            let tolerated = cycle.shape.scheduling.tolerations.contains {
                (($0.effect ?? "").isEmpty || $0.effect == "PreferNoSchedule") && $0.tolerates(t)
            }
            if !tolerated { n += 1 }
        }
        return n
    }

    func normalize(_ scores: inout [Int64], nodes: [Int], _ cycle: CycleState) { defaultNormalize(&scores, reverse: true) }
}
