import KubeModel
import Simulation
import Planner

/// Searches for harm a few faults away from the state after the change, within the cone of
/// influence of the change, and keeps only what the change made reachable.
enum RiskSearch {
    struct Result {
        var risks: [Harm]
        var complete: Bool
        var cutShortReason: String?
        var statesExplored: Int
    }

    static func run(after: SimState, before: SimState, target: Int, bounds: SearchBounds) -> Result {
        let events = candidateEvents(after, target: target)
        let found = BoundedSearch.run(start: after, events: events, bounds: bounds) { s in
            goals(s, start: after, target: target).map { (key: $0.key, payload: $0, result: outcome($0.finding)) }
        }
        var risks: [Harm] = []
        for r in found.reached {
            // Not the change's fault if the same events hurt the cluster without it.
            let without = BoundedSearch.replay(r.events, on: before)
            if goals(without, start: before, target: before.workloadIndex[after.workloads[target].ref]).contains(where: { $0.key == r.key }) { continue }
            // Losing every node the workload can run on is the end of any workload, not a risk
            // this change brings.
            if losesEveryEligibleNode(r.events, after, target: target) { continue }
            var h = r.payload
            h.finding.plan = r.plan
            h.finding.message += " after \(r.events.map(\.description).joined(separator: " + "))"
            h.finding.severity = severity(h.finding.severity, faults: r.events.count)
            risks.append(h)
        }
        // As for the searched risks: only if the cluster without the change does not have it.
        if let h = autoscalingRisk(after, target: target),
           before.workloadIndex[after.workloads[target].ref].flatMap({ autoscalingRisk(before, target: $0) }) == nil {
            risks.append(h)
        }
        return Result(risks: risks, complete: found.complete, cutShortReason: found.cutShortReason,
                      statesExplored: found.statesExplored)
    }

    /// A workload its HorizontalPodAutoscaler may scale to maxReplicas: pods that fit today
    /// but not at the maximum are harm one ordinary event away (a busy hour).
    static func autoscalingRisk(_ after: SimState, target: Int) -> Harm? {
        guard let hpa = after.autoscaler(of: target), hpa.spec.maxReplicas > after.workloads[target].replicas else { return nil }
        let ref = after.workloads[target].ref
        let event = FaultEvent.autoscale(workload: "\(ref)", replicas: hpa.spec.maxReplicas)
        var s = after
        let result = Effects.apply(event, to: &s)
        let pending = s.livePods(of: target).filter { s.pods[$0].node == nil }
        guard let first = pending.first else { return nil }
        let reason = s.pendingReasons[first] ?? "no node fits"
        let message = "\(pending.count) of \(hpa.spec.maxReplicas) pods of \(ref) fit on no node once HorizontalPodAutoscaler "
            + "\(ref.namespace ?? "default")/\(hpa.metadata.nameOrEmpty) scales it to maxReplicas \(hpa.spec.maxReplicas) (\(reason))"
        return Harm(finding: Finding(type: .unschedulable, severity: .warn, object: ref, message: message, evidence: [reason],
                                     fix: "lower maxReplicas or the requests, or add capacity",
                                     plan: [PlanStep(action: event.action, target: event.target, atSeconds: 0, result: result)]),
                    cause: "hpa")
    }

    /// Harm one fault away keeps its severity; harm that needs two or more faults together is
    /// `info`: worth reading in `check` and `plan`, noise as an apply-time warning.
    static func severity(_ s: Verdict, faults: Int) -> Verdict { faults >= 2 ? min(s, .info) : s }

    /// Whether the plan fails every node the target's pods may run on (its node selector,
    /// affinity and tolerations allow) with two or more faults, as both nodes of a two-node
    /// cluster failing. One node that is the only one a workload may use stays a finding: that
    /// single point of failure is the workload's own (`single-node-colocation-warn`).
    static func losesEveryEligibleNode(_ events: [FaultEvent], _ s: SimState, target: Int) -> Bool {
        let failed = Set(events.flatMap { e -> [String] in
            switch e {
            case .nodeFailure(let n), .nodeDrain(let n): [n]
            case .zoneFailure(let z): s.nodes.filter { Effects.zone(of: $0) == z }.map(\.name)
            case .dependencySlow, .autoscale: []
            }
        })
        guard failed.count >= 2, let template = s.workloads[target].template else { return false }
        return s.nodes.allSatisfy { failed.contains($0.name) || !s.canRun(template, on: $0) }
    }

    /// The harm in a few words, for the last step of a plan.
    static func outcome(_ f: Finding) -> String {
        f.type == .restartLoop ? "\(f.object) is in a restart loop" : f.message
    }

    /// Events that can touch the target: failures and drains of the nodes its pods run on
    /// (one node per symmetry class), and slowness of what its liveness probes depend on.
    static func candidateEvents(_ s: SimState, target: Int) -> [FaultEvent] {
        var events: [FaultEvent] = []
        var classes = Set<NodeClass>()
        let mine = s.pods(of: target).filter(\.isScheduled)
        for n in Set(mine.compactMap(\.node)).sorted() {
            let node = s.nodes[n]
            var labels = node.labels
            labels["kubernetes.io/hostname"] = nil
            let cls = NodeClass(labels: labels, taints: node.taints, allocatable: node.allocatable,
                                requested: node.requested, targetPods: mine.filter { $0.node == n }.count)
            // A failure is a drain without the courtesy: same evictions, no disruption budget
            // honoured, daemons lost too. For the harms searched here it reaches everything a
            // drain of the same node reaches, so drains are not searched separately.
            if classes.insert(cls).inserted {
                events.append(.nodeFailure(node: node.name))
            }
        }
        // A zone lost at once: searched when every pod of the target runs in one zone of a
        // cluster with several (the single-zone risk a lost zone exposes; replicas already in
        // several zones are what node failures probe), the zone has more than one node (else
        // it is that node's failure), and it holds at most `zonePodBudget` pods: rescheduling
        // what a zone loses costs about 0.15 ms a pod, and the webhook answers in tens of ms.
        var zonePods: [String: (nodes: Int, pods: Int)] = [:]
        for (n, node) in s.nodes.enumerated() {
            guard let z = Effects.zone(of: node) else { continue }
            zonePods[z, default: (0, 0)].nodes += 1
            zonePods[z, default: (0, 0)].pods += s.nodePods[n].count
        }
        let targetZones = Set(mine.compactMap { $0.node.map { Effects.zone(of: s.nodes[$0]) } })
        if zonePods.count >= 2, targetZones.count == 1, let only = targetZones.first, let z = only,
           let size = zonePods[z], size.nodes >= 2, size.pods <= Self.zonePodBudget {
            events.append(.zoneFailure(zone: z))
        }
        if let spec = s.workloads[target].template?.spec {
            let labels = s.workloads[target].template?.labels ?? [:]
            for c in spec.containers {
                for d in Dependencies.of(c, podLabels: labels) {
                    events.append(.dependencySlow(component: d, seconds: Timing.dependencySlowSeconds))
                }
            }
        }
        return Array(Set(events)).sorted()
    }

    /// The most pods a lost zone may hold for the planner to search its loss.
    static let zonePodBudget = 1_000

    struct NodeClass: Hashable {
        var labels: [String: String]
        var taints: [Taint]
        var allocatable: Resources
        var requested: Resources
        var targetPods: Int
    }

    /// Harm reached from `start`, within the cone of the change: Services and disruption
    /// budgets of the target's pods and of pods left Pending (which compete with the target
    /// for room), and restart loops.
    static func goals(_ s: SimState, start: SimState, target: Int?, wholeCluster: Bool = false) -> [Harm] {
        var out: [Harm] = []
        var cone = Set(s.pendingOwners)
        if let target { cone.insert(target) }
        if wholeCluster { cone.formUnion(s.touched) }
        for svc in s.services(touching: cone) {
            guard let old = start.services.first(where: { $0.metadata == svc.metadata }) else { continue }
            let had = start.readyEndpoints(old)
            if had > 0 && s.readyEndpoints(svc) == 0 {
                let ref = ObjectRef(kind: "Service", namespace: svc.metadata.namespace ?? "default", name: svc.metadata.nameOrEmpty)
                out.append(Harm(finding: Finding(type: .serviceOutage, severity: .warn, object: ref,
                    message: "Service \(ref.namespace ?? "default")/\(ref.name) has 0 ready endpoints (had \(had))"), cause: "fault"))
            }
        }
        for pdb in s.pdbs(touching: cone) {
            let ns = pdb.metadata.namespace ?? "default"
            let (healthy, expected) = s.pdbCounts(pdb)
            let (h0, e0) = start.pdbCounts(pdb)
            guard e0 > 0, h0 >= start.desiredHealthy(pdb, expected: e0) else { continue }
            let desired = s.desiredHealthy(pdb, expected: expected)
            guard healthy < desired else { continue }
            let owner = s.owningWorkload(namespace: ns, pairs: pdb.spec.selector?.matchLabels ?? [:]) { pdb.spec.selector?.matches($0.shape.labels) ?? false }
            let ref = owner.map { s.workloads[$0].ref } ?? ObjectRef(kind: "PodDisruptionBudget", namespace: ns, name: pdb.metadata.nameOrEmpty)
            out.append(Harm(finding: Finding(type: .availabilityLoss, severity: .warn, object: ref,
                message: "\(ref) has \(healthy) healthy pods, below PodDisruptionBudget \(ns)/\(pdb.metadata.nameOrEmpty) (minimum \(desired))"),
                cause: "pdb:\(pdb.metadata.nameOrEmpty)"))
        }
        for i in s.touched.sorted() {
            let w = s.workloads[i]
            guard let looping = s.livePods(of: i).first(where: { s.pods[$0].health == .crashLoop }) else { continue }
            let why = s.healthReason(of: looping) ?? "restart loop"
            if let j = start.workloadIndex[w.ref],
               start.pods(of: j).contains(where: { $0.health == .crashLoop }) { continue }
            out.append(Harm(finding: Finding(type: .restartLoop, severity: .warn, object: w.ref,
                message: "\(w.ref) restarts again and again: \(why)"), cause: "fault"))
        }
        return out
    }
}
