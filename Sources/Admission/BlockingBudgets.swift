import KubeModel
import Simulation

/// A PodDisruptionBudget that allows no disruption at all (minAvailable equal to the pods it
/// counts, maxUnavailable 0): the eviction API refuses every eviction of its pods
/// (`pkg/registry/core/pod/storage/eviction.go`, "Cannot evict pod as it would violate the
/// pod's disruption budget"), so every `kubectl drain`, node upgrade and autoscaler
/// scale-down that reaches one of them hangs until someone edits the budget. Nothing fails
/// today; the next maintenance does: a warn, when the change makes a budget so.
enum BlockingBudgets {
    static func of(_ after: SimState, before: SimState, change ref: ObjectRef, target: Int?) -> [Harm] {
        let budgets: [PodDisruptionBudget]
        if ref.kind == "PodDisruptionBudget" {
            budgets = after.pdbs.filter { $0.metadata.namespace == ref.namespace && $0.metadata.nameOrEmpty == ref.name }
        } else if let target {
            budgets = after.pdbs(touching: [target])
        } else {
            return []
        }
        var out: [Harm] = []
        for pdb in budgets {
            guard let expected = blockedPods(pdb, in: after) else { continue }
            let old = before.pdbs.first { $0.metadata.namespace == pdb.metadata.namespace && $0.metadata.nameOrEmpty == pdb.metadata.nameOrEmpty }
            if let old, blockedPods(old, in: before) != nil { continue }
            let ns = pdb.metadata.namespace ?? "default"
            let name = pdb.metadata.nameOrEmpty
            let owner = after.owningWorkload(namespace: ns, pairs: pdb.spec.selector?.matchLabels ?? [:]) { pdb.spec.selector?.matches($0.shape.labels) ?? false }
            let object = owner.map { after.workloads[$0].ref } ?? ObjectRef(kind: "PodDisruptionBudget", namespace: ns, name: name)
            let rule = pdb.spec.minAvailable.map { "minAvailable \($0)" } ?? pdb.spec.maxUnavailable.map { "maxUnavailable \($0)" } ?? "its default"
            out.append(Harm(finding: Finding(
                type: .availabilityLoss, severity: .warn, object: object,
                message: "PodDisruptionBudget \(ns)/\(name) allows no disruption: \(rule) needs all \(expected) of its pods healthy, "
                    + "so the eviction API refuses every eviction, and any node drain, node upgrade or autoscaler scale-down that "
                    + "reaches one of them blocks until the budget is changed",
                evidence: ["\(rule) of \(expected) pods: disruptionsAllowed is 0 even with every pod healthy"],
                fix: "allow at least one disruption (minAvailable below the replicas, or maxUnavailable 1), or add replicas"),
                cause: "blocking-pdb:\(name)"))
        }
        return out
    }

    /// The pods a budget counts, when it needs every one of them healthy; nil when it allows a
    /// disruption or counts no pod.
    static func blockedPods(_ pdb: PodDisruptionBudget, in s: SimState) -> Int? {
        let (_, expected) = s.pdbCounts(pdb)
        return expected > 0 && s.desiredHealthy(pdb, expected: expected) >= expected ? expected : nil
    }
}
