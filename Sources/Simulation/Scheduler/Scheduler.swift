import KubeModel

/// Where a pod may be pinned: DaemonSet pods and pods with spec.nodeName go to one node.
extension SimPod {
    func pinnedNode(in state: SimState) -> Int? {
        if let n = shape.spec.nodeName { return state.nodeIndex[n] ?? -1 }
        return pinned
    }
}

extension SimState {
    /// kube-scheduler stops filtering once it has found this many feasible nodes and scores
    /// only those (`numFeasibleNodesToFind`, adaptive `percentageOfNodesToScore`: 50% less
    /// 1% per 125 nodes, at least 5% and at least 100 nodes), starting each search where the
    /// last one stopped. Large clusters are scheduled in time proportional to that, not to
    /// their size.
    static func feasibleNodesToFind(_ n: Int) -> Int {
        if n < 100 { return n }
        let percent = max(5, 50 - n / 125)
        return max(100, n * percent / 100)
    }

    /// Whether a pod asks for more than the quick checks cover: host ports, extended
    /// resources, topology spread or anti-affinity.
    func needsFullCheck(_ shape: PodShape) -> Bool {
        !shape.hostPorts.isEmpty || !shape.request.scalar.isEmpty || shape.request.ephemeralStorage > 0
            || !(shape.spec.topologySpreadConstraints ?? []).isEmpty
            || shape.spec.affinity?.podAntiAffinity != nil
    }

    /// The reasons a pod cannot go on node `i` right now, or [] if it can.
    func filterReasons(_ pod: SimPod, node i: Int) -> [String] {
        let node = nodes[i]
        if let r = Filters.staticReason(pod.shape, pinned: pod.pinnedNode(in: self), node: node, index: i) { return [r] }
        var reasons = Filters.fitReasons(pod.shape, free: node.free, usedPorts: node.usedHostPorts)
        if let r = topologySpreadReason(pod, node: i) { reasons.append(r) }
        if let r = antiAffinityReason(pod, node: i) { reasons.append(r) }
        return reasons
    }

    /// PodTopologySpread with whenUnsatisfiable DoNotSchedule: placing the pod in the node's
    /// domain must keep (count there + 1) - (smallest count of any eligible domain) within
    /// maxSkew (`pkg/scheduler/framework/plugins/podtopologyspread/filtering.go`).
    func topologySpreadReason(_ pod: SimPod, node i: Int) -> String? {
        for c in pod.shape.spec.topologySpreadConstraints ?? [] where c.whenUnsatisfiable == "DoNotSchedule" {
            guard let domain = nodes[i].labels[c.topologyKey] else {
                return "node(s) didn't match pod topology spread constraints (missing required label)"
            }
            var counts: [String: Int] = [:]
            for (j, n) in nodes.enumerated() {
                guard let d = n.labels[c.topologyKey],
                      Filters.staticReason(pod.shape, pinned: nil, node: n, index: j) == nil || j == i else { continue }
                counts[d, default: 0] += 0
            }
            let selector = c.labelSelector ?? LabelSelector()
            for (n, list) in nodePods.enumerated() {
                guard let d = nodes[n].labels[c.topologyKey], counts[d] != nil else { continue }
                for k in list where pods[k].namespace == pod.namespace && selector.matches(pods[k].shape.labels) {
                    counts[d, default: 0] += 1
                }
            }
            let minCount = counts.values.min() ?? 0
            let domains = counts.count
            // minDomains: fewer eligible domains than required counts the global minimum as 0.
            let globalMin = (c.minDomains ?? 1) > domains ? 0 : minCount
            let selfMatch = selector.matches(pod.shape.labels) ? 1 : 0
            if (counts[domain] ?? 0) + selfMatch - globalMin > c.maxSkew {
                return "node(s) didn't match pod topology spread constraints"
            }
        }
        return nil
    }

    /// Required inter-pod anti-affinity of the incoming pod (InterPodAffinity filter).
    func antiAffinityReason(_ pod: SimPod, node i: Int) -> String? {
        let terms = pod.shape.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []
        for t in terms {
            guard let domain = nodes[i].labels[t.topologyKey] else { continue }
            let selector = t.labelSelector ?? LabelSelector()
            let namespaces = t.namespaces ?? [pod.namespace]
            for (n, list) in nodePods.enumerated() where nodes[n].labels[t.topologyKey] == domain {
                for k in list where namespaces.contains(pods[k].namespace) && selector.matches(pods[k].shape.labels) {
                    return "node(s) didn't match pod anti-affinity rules"
                }
            }
        }
        return nil
    }

    /// Picks among feasible nodes as the default scoring mostly does: the least allocated
    /// node, spreading replicas of one owner; ties go to the first node by name.
    func score(_ pod: SimPod, node i: Int, siblings: [Int: Int64]) -> Int64 {
        func frac(_ free: Int64, _ alloc: Int64) -> Int64 { alloc > 0 ? (free * 100) / alloc : 0 }
        let r = pod.shape.request
        let cpu = nodes[i].allocatable.milliCPU - nodes[i].requested.milliCPU - r.milliCPU
        let mem = nodes[i].allocatable.memory - nodes[i].requested.memory - r.memory
        let least = (frac(cpu, nodes[i].allocatable.milliCPU) + frac(mem, nodes[i].allocatable.memory)) / 2
        return least - (siblings[i] ?? 0) * 30
    }

    /// Tries to place a pending pod; returns the node or the scheduler's summary of why not.
    mutating func schedule(_ index: Int) -> Bool {
        let pod = pods[index]
        var best: (Int, Int64)?
        var reasons: [String: Int] = [:]
        var siblings: [Int: Int64] = [:]
        if let o = pod.owner {
            for k in ownerPods[o] { if let n = pods[k].node, !pods[k].terminal { siblings[n, default: 0] += 1 } }
        }
        let pinned = pod.pinnedNode(in: self)
        let count = nodes.count
        let enough = Self.feasibleNodesToFind(count)
        let start = pinned == nil && count > 0 ? nextStartNode % count : 0
        var feasible = 0
        var processed = 0
        for k in 0..<count {
            let i = (start + k) % count
            if let pinned, pinned != i { continue }
            processed += 1
            // Cheap resource test first: most nodes are rejected or accepted on numbers alone.
            if !Filters.quickFit(pod.shape.request, nodes[i]) || !Filters.staticPass(pod.shape, node: nodes[i]) { continue }
            if needsFullCheck(pod.shape) ? filterReasons(pod, node: i).isEmpty : true {
                let s = score(pod, node: i, siblings: siblings)
                if best == nil || s > best!.1 || (s == best!.1 && i < best!.0) { best = (i, s) }
                feasible += 1
                if feasible >= enough { break }
            }
        }
        if pinned == nil && count > 0 { nextStartNode = (start + processed) % count }
        if best == nil {
            // The slow path, only for pods that fit nowhere: the scheduler's reasons per node.
            for i in nodes.indices {
                for reason in Set(filterReasons(pod, node: i)) { reasons[reason, default: 0] += 1 }
            }
        }
        if let (i, _) = best {
            bind(index, to: i)
            return true
        }
        if pod.shape.preemptLowerPriority, pod.shape.priority > 0, let (node, victims) = preemptionCandidate(pod) {
            for v in victims {
                let victim = pods[v]
                events.append(.preempted(victim: name(of: v), victimOwner: victim.owner, node: nodes[node].name, by: pod.owner))
                remove(v)
            }
            bind(index, to: node)
            return true
        }
        pendingReasons[index] = Self.summary(nodes: nodes.count, reasons: reasons)
        return false
    }

    static func summary(nodes: Int, reasons: [String: Int]) -> String {
        let parts = reasons.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)" }
        return "0/\(nodes) nodes are available: " + parts.joined(separator: ", ") + "."
    }
}
