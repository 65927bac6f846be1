import KubeModel
import Simulation

/// Reads harm off a settled simulation: what the target's own pods suffer, and what the
/// rest of the cluster lost compared with `before` (the same cluster without the change).
enum SteadyStateHarms {
    static func of(_ s: SimState, target: Int?, before: SimState?) -> [Harm] {
        var out: [Harm] = []
        if let t = target { out += targetHarms(s, t) }
        if let before { out += collateral(s, target: target.map { s.workloads[$0].ref }, before: before) }
        return out
    }

    static func targetHarms(_ s: SimState, _ t: Int) -> [Harm] {
        var out: [Harm] = []
        let w = s.workloads[t]
        let ref = w.ref
        let current = s.pods(of: t).filter { $0.revision == 1 }
        let want = max(w.replicas, w.kind == .daemonSet ? w.replicas : 1)
        let assessment = Kubelet.assess(w, evidence: s.evidence(of: t))

        for e in s.events {
            if case .rejected(let x, let refusal) = e, x == t {
                let none = current.isEmpty
                let reason = refusal.message
                let ns = ref.namespace ?? "default"
                out.append(Harm(finding: Finding(
                    type: refusal.step.isQuota ? .quotaExceeded : .rolloutStuck, severity: none ? .deny : .warn, object: ref,
                    message: "\(none ? "no" : "only \(current.count) of \(want)") pods of \(ref) can be created: \(reason)",
                    evidence: [reason],
                    fix: Self.fix(for: refusal.step, namespace: ns)),
                    cause: "rejected"))
            }
        }
        if let template = w.template {
            let missing = s.missingReferences(of: template.spec, namespace: ref.namespace ?? "default")
            if !missing.isEmpty {
                let list = missing.joined(separator: ", ")
                out.append(Harm(finding: Finding(
                    type: .rolloutStuck, severity: .warn, object: ref,
                    message: "pods of \(ref) cannot start while \(list) \(missing.count == 1 ? "does" : "do") not exist",
                    evidence: missing, fix: "create \(list) before \(ref), or earlier in the same apply"),
                    cause: "missing:\(list)"))
            }
        }
        let pending = current.filter { !$0.isScheduled }
        if !pending.isEmpty {
            let running = current.count - pending.count
            let reason = s.livePods(of: t).first { !s.pods[$0].isScheduled && s.pods[$0].revision == 1 }.flatMap { s.pendingReasons[$0] } ?? "no node fits"
            let numbers = shortfallNumbers(s, pending[0])
            out.append(Harm(finding: Finding(
                type: .unschedulable, severity: running == 0 ? .deny : .warn, object: ref,
                message: "\(pending.count) of \(current.count) pods of \(ref) fit on no node and stay Pending (\(reason))" + (numbers.isEmpty ? "" : "; \(numbers)"),
                evidence: [reason] + (numbers.isEmpty ? [] : [numbers]),
                fix: numbers.isEmpty ? "relax the pod's placement rules or add nodes that satisfy them" : "lower the requests, reduce replicas or add capacity"),
                cause: "pending"))
        }
        // An update the strategy holds back (OnDelete, a partition, a paused Deployment) puts the
        // template in no pod yet: the first pod lost to a node failure or a deletion gets it.
        let held = w.holdsUpdates && current.isEmpty && !s.livePods(of: t).isEmpty
        if held && w.onDelete, let next = s.replacingOnePod(of: t),
           let stuck = next.livePods(of: t).first(where: { next.pods[$0].revision == 1 && !next.pods[$0].isScheduled }) {
            let reason = next.pendingReasons[stuck] ?? "no node fits"
            let numbers = shortfallNumbers(next, next.pods[stuck])
            out.append(Harm(finding: Finding(
                type: .unschedulable, severity: .warn, object: ref,
                message: "the next pod of \(ref) to be replaced (the update strategy is OnDelete) fits on no node and stays Pending (\(reason))"
                    + (numbers.isEmpty ? "" : "; \(numbers)"),
                evidence: [reason] + (numbers.isEmpty ? [] : [numbers]),
                fix: numbers.isEmpty ? "relax the pod's placement rules or add nodes that satisfy them" : "lower the requests or add capacity"),
                cause: "pending-on-delete"))
        }
        let severity: Verdict = held ? .warn : .deny
        let when = !held ? "" : w.paused ? " (once the paused rollout is resumed)"
            : w.kind == .statefulSet && !w.onDelete ? " (once the partition is lowered below \(w.replicas))"
            : " (in the next pod replaced: the update strategy holds the template back from the running pods)"
        switch w.newPodHealth {
        case .crashLoop:
            out.append(Harm(finding: Finding(type: .restartLoop, severity: severity, object: ref,
                message: "\(ref): \(assessment.message)\(when)", evidence: assessment.evidence, fix: assessment.fix),
                cause: assessment.cause ?? "crash"))
            // A Job does not loop for ever: after backoffLimit failures the Job controller stops
            // and marks it Failed (`BackoffLimitExceeded`, `pkg/controller/job/job_controller.go`).
            if let limit = w.backoffLimit {
                out.append(Harm(finding: Finding(type: .rolloutStuck, severity: severity, object: ref,
                    message: "\(ref) never completes: its pods fail again and again, and after backoffLimit \(limit) the Job "
                        + "controller marks it Failed (BackoffLimitExceeded)",
                    evidence: assessment.evidence, fix: assessment.fix), cause: "backoff-limit"))
            }
        case .neverReady:
            out.append(Harm(finding: Finding(type: .rolloutStuck, severity: severity, object: ref,
                message: "\(ref) never becomes available: \(assessment.message)\(when)", evidence: assessment.evidence, fix: assessment.fix),
                cause: assessment.cause ?? "never-ready"))
        case .ready, .notRunning:
            break
        }
        for warning in assessment.inertProbes {
            out.append(Harm(finding: Finding(type: .inertProbe, severity: .warn, object: ref, message: "\(ref): \(warning)",
                fix: "point the liveness probe at a port the container declares"), cause: warning))
        }
        // A rollout that cannot finish: fewer Ready pods of the new revision than wanted.
        let neverReady: Bool = { if case .neverReady = w.newPodHealth { true } else { false } }()
        // Pods admission refused are the cause, already told; the stalled rollout is its echo.
        let refused = out.contains { $0.cause == "rejected" && $0.finding.type == .rolloutStuck }
        if [.deployment, .statefulSet, .daemonSet].contains(w.kind) && !neverReady && !refused && !w.holdsUpdates {
            let readyNew = current.filter(\.isReady).count
            if readyNew < w.updatedReplicas {
                let deadline: String
                deadline = w.progressDeadline.map { "; it will hit progressDeadlineSeconds \($0)" } ?? ""
                out.append(Harm(finding: Finding(
                    type: .rolloutStuck, severity: readyNew == 0 ? .deny : .warn, object: ref,
                    message: "\(ref) rollout cannot finish: \(readyNew) of \(w.updatedReplicas) new pods become Ready\(deadline)"),
                    cause: "rollout"))
            }
        }
        out += nodePressure(s, t)
        return out
    }

    /// "needs 7Gi memory; the largest free is 5.51Gi on worker-2"
    static func shortfallNumbers(_ s: SimState, _ pod: SimPod) -> String {
        var parts: [String] = []
        let req = pod.shape.request
        let placed = pod.owner.map { s.pods(of: $0).contains { $0.isScheduled && $0.revision == 1 } } ?? false
        for (name, need) in [("cpu", req.milliCPU), ("memory", req.memory)] where need > 0 {
            var best: (Int64, String)?
            for n in s.nodes where n.ready && !n.unschedulable {
                let free = name == "cpu" ? n.free.milliCPU : n.free.memory
                if best == nil || free > best!.0 { best = (free, n.name) }
            }
            if let best, best.0 < need {
                parts.append("each pod needs \(Amount.resource(name, need)) \(name); the largest free allocatable is \(Amount.resource(name, max(best.0, 0))) on \(best.1)\(placed ? " once the pods that fit are placed" : "")")
            }
        }
        return parts.joined(separator: "; ")
    }

    /// On some node, the target's memory limits plus the requests of the pods beside them
    /// exceed allocatable: when the new pods use their limits, the node runs out.
    static func nodePressure(_ s: SimState, _ t: Int) -> [Harm] {
        var out: [Harm] = []
        let all = s.pods(of: t).filter { $0.revision == 1 }
        for i in Set(all.compactMap(\.node)).sorted() {
            let n = s.nodes[i]
            let mine = all.filter { $0.node == i }
            var limits: Int64 = 0
            for p in mine {
                guard let l = PodRequests.memoryLimit(p.shape.spec) else { limits = -1; break }
                limits += l
            }
            guard limits > 0 else { continue }
            let others = s.nodePods[i].filter { s.pods[$0].owner != t }.reduce(Int64(0)) { $0 + s.pods[$1].shape.request.memory }
            if limits + others > n.allocatable.memory {
                out.append(Harm(finding: Finding(type: .nodePressure, severity: .warn, object: s.workloads[t].ref,
                    message: "on \(n.name), the memory limits of \(s.workloads[t].ref) (\(Amount.memory(limits))) plus the requests of the pods beside them (\(Amount.memory(others))) exceed allocatable \(Amount.memory(n.allocatable.memory)): when the new pods use their limits, the kubelet evicts or the kernel OOM-kills",
                    fix: "set memory requests closer to limits"), cause: n.name))
            }
        }
        return out
    }

    /// Harm to what is not the target: evictions, Services that lose their last endpoint,
    /// workloads that fall below their PodDisruptionBudget or desired replicas.
    static func collateral(_ s: SimState, target: ObjectRef?, before: SimState) -> [Harm] {
        var out: [Harm] = []
        for e in s.events {
            guard case .preempted(let victim, _, let owner, let node, let by, _) = e else { continue }
            let victimRef = owner.map { s.workloads[$0].ref } ?? ObjectRef(kind: "Pod", namespace: nil, name: victim)
            if victimRef == target { continue }
            let byRef = by.map { s.workloads[$0].ref.description } ?? "a higher-priority pod"
            let prio = owner.map { s.workloads[$0].template?.priority ?? 0 } ?? 0
            out.append(Harm(finding: Finding(type: .eviction, severity: .deny, object: victimRef,
                message: "pod \(victim) of \(victimRef) (priority \(prio)) is preempted on \(node) to make room for \(byRef)",
                evidence: ["\(node) has no room for the new pod without evicting lower-priority pods"],
                fix: "lower the new pods' priority, set preemptionPolicy: Never, or make room on \(node)"), cause: victim))
        }
        let touched = s.touched.union(before.touched)
        var candidates = s.services(touching: touched)
        for svc in before.services(touching: touched) where !candidates.contains(svc) { candidates.append(svc) }
        for svc in candidates {
            let ref = ObjectRef(kind: "Service", namespace: svc.metadata.namespace ?? "default", name: svc.metadata.nameOrEmpty)
            guard let old = before.services.first(where: { $0.metadata.nameOrEmpty == svc.metadata.nameOrEmpty && $0.metadata.namespace == svc.metadata.namespace }) else { continue }
            let had = before.readyEndpoints(old)
            let has = s.readyEndpoints(svc)
            if had > 0 && has == 0 {
                out.append(Harm(finding: Finding(type: .serviceOutage, severity: .deny, object: ref,
                    message: "\(ref) goes from \(had) ready endpoint\(had == 1 ? "" : "s") to 0: every request to it fails"),
                    cause: "empty"))
            }
        }
        var budgets = s.pdbs(touching: touched)
        for pdb in before.pdbs(touching: touched) where !budgets.contains(pdb) { budgets.append(pdb) }
        for pdb in budgets {
            let ns = pdb.metadata.namespace ?? "default"
            let (healthy, expected) = s.pdbCounts(pdb)
            let desired = s.desiredHealthy(pdb, expected: expected)
            let (hadHealthy, hadExpected) = before.pdbCounts(pdb)
            let hadDesired = before.desiredHealthy(pdb, expected: hadExpected)
            guard healthy < desired, hadHealthy >= hadDesired, hadExpected > 0 else { continue }
            let owner = s.owningWorkload(namespace: ns, pairs: pdb.spec.selector?.matchLabels ?? [:]) { p in pdb.spec.selector?.matches(p.shape.labels) ?? false }
            let ref = owner.map { s.workloads[$0].ref } ?? ObjectRef(kind: "PodDisruptionBudget", namespace: ns, name: pdb.metadata.nameOrEmpty)
            if ref == target { continue }
            out.append(Harm(finding: Finding(type: .availabilityLoss, severity: .deny, object: ref,
                message: "\(ref) falls to \(healthy) healthy pods, below PodDisruptionBudget \(ns)/\(pdb.metadata.nameOrEmpty) (needs \(desired))"),
                cause: "pdb:\(pdb.metadata.nameOrEmpty)"))
        }
        for i in s.touched.sorted() where i < s.workloads.count {
            let w = s.workloads[i]
            guard w.ref != target, w.kind != .barePod, w.kind != .staticPod, s.workloadIndex[w.ref] == i else { continue }
            guard let j = before.workloadIndex[w.ref] else { continue }
            let had = before.readyCount(j), has = s.readyCount(i)
            if had >= before.workloads[j].replicas, has < w.replicas, has < had,
               !out.contains(where: { $0.finding.object == w.ref && $0.finding.type == .availabilityLoss }) {
                out.append(Harm(finding: Finding(type: .availabilityLoss, severity: .deny, object: w.ref,
                    message: "\(w.ref) drops from \(had) to \(has) ready pods of \(w.replicas) desired"), cause: "replicas"))
            }
        }
        return out
    }
}

extension SteadyStateHarms {
    static func fix(for step: AdmissionRefusal.Step, namespace ns: String) -> String {
        switch step {
        case .podSecurity: "set the securityContext fields named, or lower the pod-security.kubernetes.io/enforce level of namespace \(ns)"
        case .validation: "state limits no lower than the requests, or raise the LimitRange default limits of namespace \(ns)"
        case .priority: "create the PriorityClass, or name one that exists"
        case .runtimeClass: "create the RuntimeClass, or name one that exists, without a node selector or overhead that conflicts with it"
        case .limitRanger, .resourceQuota: "lower the requests or raise the quota/LimitRange of namespace \(ns)"
        }
    }
}
