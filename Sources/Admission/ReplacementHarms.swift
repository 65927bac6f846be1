import KubeModel
import Simulation
import Planner

/// A change to an object pods depend on (a Namespace's labels, a quota, a LimitRange, a
/// PriorityClass, a RuntimeClass, a ConfigMap, Secret or ServiceAccount) leaves running pods alone: admission
/// judged them when they were made, and the kubelet keeps what it mounted. The pods their
/// controllers create next, after the next node loss, eviction or rollout, meet the new
/// rules: harm one ordinary event away, a warn (`../shared/scenarios/README.md`).
enum ReplacementHarms {
    static let dependencyKinds: Set<String> = ["Namespace", "ResourceQuota", "LimitRange", "PriorityClass",
                                               "RuntimeClass", "ConfigMap", "Secret", "ServiceAccount"]

    /// What the change makes worse for the replacements of the workloads it reaches.
    static func of(_ after: SimState, before: SimState, change ref: ObjectRef) -> [Harm] {
        var out: [Harm] = []
        for (i, w) in after.workloads.enumerated() where after.workloadIndex[w.ref] == i && reaches(ref, w) {
            guard let j = before.workloadIndex[w.ref], let now = after.replacementProblem(of: i) ?? recreationRefused(after, i, before, j)
            else { continue }
            let then = before.replacementProblem(of: j)
            let step = PlanStep(action: FaultEvent.nodeFailure(node: now.node ?? "its node").action, target: now.node ?? now.lostPod,
                                atSeconds: 0, result: "")
            if let refusal = now.refusal, then?.refusal == nil {
                let status = refusal.statusMessage(pod: refusal.pod ?? "\(w.ref.name)-…")
                var plan = step
                plan.result = "the replacement of pod \(now.lostPod) is refused: \(status)"
                out.append(Harm(finding: Finding(
                    type: refusal.step.isQuota ? .quotaExceeded : .rolloutStuck, severity: .warn, object: w.ref,
                    message: "running pods of \(w.ref) stay, but the pods its controller creates next (after a node loss, an eviction "
                        + "or a rollout) are refused: \(status)",
                    evidence: [refusal.message], fix: SteadyStateHarms.fix(for: refusal.step, namespace: w.ref.namespace ?? "default"),
                    plan: [plan]), cause: "replacement:\(refusal.step.rawValue)"))
            }
            let missing = now.missing.filter { !(then?.missing ?? []).contains($0) }
            if !missing.isEmpty {
                let list = missing.joined(separator: ", ")
                var plan = step
                plan.result = "the replacement of pod \(now.lostPod) cannot start: \(list) \(missing.count == 1 ? "does" : "do") not exist"
                out.append(Harm(finding: Finding(
                    type: .rolloutStuck, severity: .warn, object: w.ref,
                    message: "running pods of \(w.ref) stay, but the pods its controller creates next (after a node loss, an eviction "
                        + "or a rollout) cannot start while \(list) \(missing.count == 1 ? "does" : "do") not exist",
                    evidence: missing, fix: "keep \(list), or change \(w.ref) not to need it first", plan: [plan]),
                    cause: "replacement:missing"))
            }
        }
        return out
    }

    /// A change the state is rebuilt for (a LimitRange, a PriorityClass) loses the pods the
    /// simulation made for objects given before it (`check` with several files): their
    /// controllers make them again, through the new rules, and that refusal is the same harm.
    static func recreationRefused(_ after: SimState, _ i: Int, _ before: SimState, _ j: Int) -> ReplacementProblem? {
        guard after.livePods(of: i).isEmpty, let lost = before.livePods(of: j).first else { return nil }
        for case .rejected(let w, let refusal) in after.events where w == i {
            return ReplacementProblem(lostPod: before.name(of: lost), node: before.pods[lost].node.map { before.nodes[$0].name },
                                      refusal: refusal, missing: [])
        }
        return nil
    }

    /// Whether workload `w`'s next pods depend on the changed object: the objects of its
    /// namespace, its Namespace, the PriorityClass it names.
    static func reaches(_ ref: ObjectRef, _ w: SimWorkload) -> Bool {
        guard let t = w.template, w.kind != .barePod, w.kind != .staticPod else { return false }
        switch ref.kind {
        case "Namespace": return t.namespace == ref.name
        case "PriorityClass": return t.spec.priorityClassName == ref.name
        case "RuntimeClass": return t.spec.runtimeClassName == ref.name
        default: return t.namespace == (ref.namespace ?? "default")
        }
    }
}
