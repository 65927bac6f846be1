import KubeModel

/// `pkg/scheduler/framework/plugins/defaultpreemption` with `framework/preemption/preemption.go`:
/// when a pod fits nowhere, find nodes where removing lower-priority pods would let it in —
/// only nodes whose failure preemption can change (Unschedulable, not
/// UnschedulableAndUnresolvable) — re-running every filter without those pods
/// (`SelectVictimsOnNode`), then give back as many as still leave room (the ones whose
/// eviction would break a disruption budget first, most important first), and pick the node
/// that hurts least.
enum DefaultPreemption {
    static let notHelpful = "Preemption is not helpful for scheduling"
    static let noVictims = "No preemption victims found for incoming pod"
    /// `minCandidateNodesPercentage` and `minCandidateNodesAbsolute`.
    static func candidatesToTry(_ potential: Int) -> Int { max(100, potential * 10 / 100) }

    struct Candidate {
        var node: Int
        var victims: [Int]
        var violations: Int
    }

    /// The node and victims, or nil when preemption cannot help.
    static func select(_ cycle: CycleState, statuses: [Int: Status], reserved: [Int: [Int]] = [:], _ s: SimState) -> (Int, [Int])? {
        guard s.pods[cycle.pod].shape.preemptLowerPriority else { return nil }
        var candidates: [Candidate] = []
        let potential = s.nodes.indices.filter { statuses[$0]?.code == .unschedulable }
        for i in potential.prefix(candidatesToTry(potential.count)) {
            if let c = victims(cycle, node: i, reserved: reserved[i] ?? [], s) { candidates.append(c) }
        }
        guard let best = pick(candidates, s) else { return nil }
        return (best.node, best.victims)
    }

    /// `SelectVictimsOnNode`.
    static func victims(_ cycle: CycleState, node i: Int, reserved: [Int] = [], _ s: SimState) -> Candidate? {
        let profile = Profile.default
        let priority = s.pods[cycle.pod].shape.priority
        let lower = s.nodePods[i].filter { s.pods[$0].shape.priority < priority }
        if lower.isEmpty { return nil }
        var view = NodeView(s, i)
        var c = cycle
        func account(_ v: Int, adding: Bool) {
            view.account(s.pods[v], adding: adding)
            for e in profile.extensions { e.update(&c, pod: v, node: i, adding: adding, s) }
        }
        // Pods nominated to the node count as placed (`addNominatedPods` in
        // `PodPassesFiltersOnNode`): preempting for room a nominated pod holds helps nobody.
        for p in reserved { account(p, adding: true) }
        for v in lower { account(v, adding: false) }
        if s.firstFailure(c, view, profile) != nil { return nil }
        // Most important first: higher priority, then started earlier.
        let ordered = lower.sorted { (s.pods[$0].shape.priority, -s.pods[$0].sequence) > (s.pods[$1].shape.priority, -s.pods[$1].sequence) }
        let (violating, safe) = splitByBudget(ordered, s)
        var victims: [Int] = []
        var violations = 0
        for (list, breaks) in [(violating, true), (safe, false)] {
            for v in list {
                account(v, adding: true)
                if s.firstFailure(c, view, profile) != nil {
                    account(v, adding: false)
                    victims.append(v)
                    if breaks { violations += 1 }
                }
            }
        }
        return Candidate(node: i, victims: victims, violations: violations)
    }

    /// `filterPodsWithPDBViolation`: each pod takes one from the budget of every PDB that
    /// selects it; a pod that takes a budget below zero would violate it.
    static func splitByBudget(_ pods: [Int], _ s: SimState) -> (violating: [Int], safe: [Int]) {
        var allowed = s.pdbs.map { s.disruptionsAllowed($0) }
        var violating: [Int] = [], safe: [Int] = []
        for v in pods {
            let p = s.pods[v]
            var breaks = false
            if !p.shape.labels.isEmpty {
                for (j, pdb) in s.pdbs.enumerated() where (pdb.metadata.namespace ?? "default") == p.namespace {
                    guard let sel = pdb.spec.selector, !sel.isEmpty, sel.matches(p.shape.labels) else { continue }
                    allowed[j] -= 1
                    if allowed[j] < 0 { breaks = true }
                }
            }
            if breaks { violating.append(v) } else { safe.append(v) }
        }
        return (violating, safe)
    }

    /// `pickOneNodeForPreemption`: fewest budget violations, then the lowest highest-priority
    /// victim, the smallest sum of priorities, the fewest victims, the latest start of the
    /// most important victims; then the first.
    static func pick(_ candidates: [Candidate], _ s: SimState) -> Candidate? {
        func key(_ c: Candidate) -> [Int64] {
            let prios = c.victims.map { Int64(s.pods[$0].shape.priority) }
            let highest = prios.max() ?? Int64(Int32.min)
            let sum = prios.reduce(Int64(0)) { $0 + $1 + Int64(Int32.max) + 1 }
            // Later start wins: the newest (highest sequence) of the top-priority victims.
            let earliestTop = c.victims.filter { Int64(s.pods[$0].shape.priority) == highest }.map { Int64(s.pods[$0].sequence) }.min() ?? 0
            return [Int64(c.violations), highest, sum, Int64(c.victims.count), -earliestTop]
        }
        return candidates.min { key($0).lexicographicallyPrecedes(key($1)) }
    }

    /// What preemption says when it found nothing, for the end of the FailedScheduling message.
    static func failureMessage(_ cycle: CycleState, preFilter: Status?, statuses: [Int: Status], _ s: SimState) -> String {
        if !cycle.shape.preemptLowerPriority { return "preemption: not eligible due to preemptionPolicy=Never." }
        var reasons: [String: Int] = [:]
        for i in s.nodes.indices {
            if preFilter == nil, let st = statuses[i], st.code == .unschedulable { reasons[noVictims, default: 0] += 1 }
            else { reasons[notHelpful, default: 0] += 1 }
        }
        return "preemption: 0/\(s.nodes.count) nodes are available: " + reasons.map { "\($0.value) \($0.key)" }.sorted().joined(separator: ", ") + "."
    }
}
