import KubeModel

/// How the scheduler placed a pod: for comparing with kube-scheduler, which breaks ties at
/// random, a placement counts only when it was forced or clearly ahead.
public struct Placement: Sendable, Hashable {
    public var feasibleNodes: Int
    /// Only one node was feasible, or the best node leads clearly under both the current and
    /// the v1.20 default score weights.
    public var clear: Bool
}

/// Why a pod fits nowhere: the scheduler's message and its reason histogram.
public struct Unschedulable: Sendable, Hashable {
    public var message: String
    public var reasons: [String: Int]
}

extension SimPod {
    /// The node a pod is bound to by name or DaemonSet pin, if any (-1: a node not in the state).
    func pinnedNode(in state: SimState) -> Int? {
        if let n = shape.spec.nodeName { return state.nodeIndex[n] ?? -1 }
        return pinned
    }
}

extension SimState {
    /// kube-scheduler stops filtering once it has found this many feasible nodes and scores
    /// only those (`numFeasibleNodesToFind`, adaptive `percentageOfNodesToScore`: 50% less
    /// 1% per 125 nodes, at least 5% and at least 100 nodes), starting each search where the
    /// last one stopped.
    static func feasibleNodesToFind(_ n: Int) -> Int {
        if n < 100 { return n }
        let percent = max(5, 50 - n / 125)
        return max(100, n * percent / 100)
    }

    /// What one scheduling cycle decided for a pod.
    enum Decision {
        case rejected(CycleState, preFilter: Status?, statuses: [Int: Status])
        case preempt(node: Int, victims: [Int])
        case bind(node: Int, feasible: Int, clear: Bool)
    }

    /// One scheduling cycle for pending pod `index` (`pkg/scheduler/schedule_one.go`):
    /// PreFilter, Filter over nodes in rotating order until enough fit, PostFilter
    /// (DefaultPreemption) when none does, then Score and bind to the best.
    mutating func schedule(_ index: Int) -> Bool {
        let profile = Profile.default
        let (decision, processed) = decide(index, profile)
        if let processed, !nodes.isEmpty { nextStartNode = (nextStartNode % nodes.count + processed) % nodes.count }
        switch decision {
        case .rejected(let cycle, let preFilter, let statuses):
            recordUnschedulable(index, cycle, preFilter: preFilter, statuses: statuses, profile: profile)
            return false
        case .preempt(let node, let victims):
            nominate(index, to: node, evicting: victims)
            return true
        case .bind(let best, let feasible, let clear):
            if recordPlacements {
                // A close call changes what every later pod sees, so their placements are no
                // clearer than it was.
                placements[index] = Placement(feasibleNodes: feasible, clear: clear && !placementsUncertain)
                if !clear { placementsUncertain = true }
            }
            bind(index, to: best)
            return true
        }
    }

    /// The cycle itself, which changes nothing: kept apart from `schedule` so that the state
    /// is only read while every node is tried (a mutating caller would copy it at each call
    /// that takes it whole). Also returns how many nodes the rotating search went through.
    func decide(_ index: Int, _ profile: Profile) -> (Decision, processed: Int?) {
        var cycle = CycleState(pod: index, in: self)
        for p in profile.preFilters {
            if let status = p.preFilter(&cycle, self) { return (.rejected(cycle, preFilter: status, statuses: [:]), nil) }
        }
        let count = nodes.count
        let enough = Self.feasibleNodesToFind(count)
        let rotate = cycle.pinned == nil && cycle.allowedNodes == nil && count > 0
        let start = rotate ? nextStartNode % count : 0
        var feasible: [Int] = []
        var processed = 0
        let reserved = nominatedReservations(for: index)
        for k in 0..<count {
            let i = (start + k) % count
            if let allowed = cycle.allowedNodes, !allowed.contains(i) { continue }
            processed += 1
            // Resources first: most nodes are told apart on numbers alone.
            if reserved[i] == nil {
                guard NodeResourcesFit.fits(cycle.shape.request, nodes[i].allocatable, nodes[i].requested) else { continue }
            }
            if nominatedFailure(cycle, i, reserved, profile) == nil {
                feasible.append(i)
                if feasible.count >= enough { break }
            }
        }
        let rotated = rotate ? processed : nil
        if feasible.isEmpty {
            var statuses: [Int: Status] = [:]
            for i in nodes.indices where cycle.allowedNodes?.contains(i) ?? true {
                if let st = nominatedFailure(cycle, i, reserved, profile) { statuses[i] = st }
            }
            if let (node, victims) = DefaultPreemption.select(cycle, statuses: statuses, reserved: reserved, self) {
                return (.preempt(node: node, victims: victims), rotated)
            }
            return (.rejected(cycle, preFilter: nil, statuses: statuses), rotated)
        }
        let (best, clear) = selectHost(&cycle, feasible, profile)
        return (.bind(node: best, feasible: feasible.count, clear: clear), rotated)
    }

    /// The room held on each node for nominated pods of at least this pod's priority
    /// (`RunFilterPluginsWithNominatedPods`, `framework/runtime/framework.go`): they count as
    /// if placed when this pod is filtered.
    func nominatedReservations(for index: Int) -> [Int: [Int]] {
        if nominated.isEmpty { return [:] }
        let priority = pods[index].shape.priority
        var out: [Int: [Int]] = [:]
        for (p, node) in nominated where p != index && pods[p].shape.priority >= priority { out[node, default: []].append(p) }
        for k in out.keys { out[k]!.sort() }
        return out
    }

    /// The filters on node `i` as `RunFilterPluginsWithNominatedPods` runs them
    /// (`framework/runtime/framework.go`): once with the pods nominated there added, node and
    /// PreFilter state alike (`addNominatedPods`, so a replica's required anti-affinity sees a
    /// nominated sibling), and once without them; the pod must pass both.
    func nominatedFailure(_ cycle: CycleState, _ i: Int, _ reserved: [Int: [Int]], _ profile: Profile) -> Status? {
        guard let held = reserved[i] else { return firstFailure(cycle, NodeView(self, i), profile) }
        var c = cycle
        var v = NodeView(self, i)
        for p in held {
            v.account(pods[p], adding: true)
            for e in profile.extensions { e.update(&c, pod: p, node: i, adding: true, self) }
        }
        return firstFailure(c, v, profile) ?? firstFailure(cycle, NodeView(self, i), profile)
    }

    /// What a successful PostFilter does (`prepareCandidate`, `default_preemption.go`): the
    /// victims are deleted and the preemptor nominated to the node; it is bound only in a
    /// later cycle, once they are gone, and pods of lower priority nominated there lose the
    /// nomination. Victims stay on the node until this scheduling pass ends: a kubelet gives
    /// them their grace period (30 s by default), and the scheduler tries every other pending
    /// pod meanwhile against a node that still holds them. Against the real v1.20 scheduler
    /// with victims given a grace period (Tests/Differential) this agrees where binding at once
    /// did not (seed 1: #69, #141, #198).
    mutating func nominate(_ index: Int, to node: Int, evicting victims: [Int]) {
        var marked: [Int] = []
        for v in victims where !terminatingVictims.contains(v) {
            events.append(.preempted(victim: name(of: v), namespace: pods[v].shape.namespace, victimOwner: pods[v].owner, node: nodes[node].name,
                                     by: pods[index].owner, preemptor: name(of: index)))
            terminatingVictims.append(v)
            marked.append(v)
        }
        replaceVictims(marked)
        let priority = pods[index].shape.priority
        for (p, n) in nominated where n == node && pods[p].shape.priority < priority {
            nominated[p] = nil
            schedulingEpoch &+= 1   // the room it held is free again
        }
        nominated[index] = node
        pendingReasons[index] = nil
        unschedulable[index] = nil
    }

    /// The first filter, in upstream order, that turns the node down.
    func firstFailure(_ cycle: CycleState, _ node: NodeView, _ profile: Profile) -> Status? {
        for k in profile.filters.indices {
            if let st = profile.filters[k].filter(cycle, node, self) { return st }
        }
        return nil
    }

    /// Scores every feasible node with each plugin (normalised to 0...100, times its weight)
    /// and picks the highest; ties go to the node found first (kube-scheduler draws among
    /// them at random, so a tie is never a clear placement).
    func selectHost(_ cycle: inout CycleState, _ feasible: [Int], _ profile: Profile) -> (Int, Bool) {
        if feasible.count == 1 { return (feasible[0], true) }
        for p in profile.scores { p.plugin.preScore(&cycle, feasible: feasible, self) }
        // The v1.20 scores only tell clear placements from close ones, which only
        // `premortem simulate` reports.
        let compare = recordPlacements
        var totals = Array(repeating: Int64(0), count: feasible.count)
        var totals120 = totals
        for p in profile.scores {
            var raw = feasible.map { p.plugin.score(cycle, node: $0, self) }
            p.plugin.normalize(&raw, nodes: feasible, cycle)
            for j in raw.indices { totals[j] += raw[j] * p.weight }
            guard compare else { continue }
            var raw120 = feasible.map { p.plugin.scoreV120(cycle, node: $0, self) }
            p.plugin.normalize(&raw120, nodes: feasible, cycle)
            for j in raw120.indices { totals120[j] += raw120[j] * p.v120Weight }
        }
        func leader(_ t: [Int64]) -> (index: Int, margin: Int64) {
            var best = 0
            for j in t.indices where t[j] > t[best] { best = j }
            let second = t.indices.filter { $0 != best }.map { t[$0] }.max() ?? Int64.min
            return (best, t[best] - second)
        }
        let now = leader(totals)
        guard compare else { return (feasible[now.index], false) }
        let then = leader(totals120)
        let clear = now.index == then.index && now.margin >= 10 && then.margin >= 10
        return (feasible[now.index], clear)
    }

    /// The scheduler's FailedScheduling message (`FitError.Error`, `framework/types.go`):
    /// "0/N nodes are available: <PreFilter or per-node reasons, counted and sorted>." then
    /// what preemption said.
    mutating func recordUnschedulable(_ index: Int, _ cycle: CycleState, preFilter: Status?, statuses: [Int: Status], profile: Profile) {
        var reasons: [String: Int] = [:]
        var message = "0/\(nodes.count) nodes are available:"
        if let preFilter {
            message += " \(preFilter.reasons.joined(separator: ", "))."
        } else {
            for st in statuses.values { for r in st.reasons { reasons[r, default: 0] += 1 } }
            if let allowed = cycle.allowedNodes, let by = cycle.allowedNodesBy {
                let absent = nodes.count - allowed.count
                if absent > 0 { reasons["node(s) didn't satisfy plugin(s) [\(by)]", default: 0] += absent }
            }
            let parts = reasons.map { "\($0.value) \($0.key)" }.sorted()
            if !parts.isEmpty { message += " " + parts.joined(separator: ", ") + "." }
        }
        message += " " + DefaultPreemption.failureMessage(cycle, preFilter: preFilter, statuses: statuses, self)
        pendingReasons[index] = message
        unschedulable[index] = Unschedulable(message: message, reasons: preFilter.map { Dictionary(uniqueKeysWithValues: $0.reasons.map { ($0, nodes.count) }) } ?? reasons)
    }
}
