import KubeModel

extension SimState {
    /// DefaultPreemption (`pkg/scheduler/framework/plugins/defaultpreemption`,
    /// `SelectVictimsOnNode` and `pickOneNodeForPreemption`): on each node where the pod
    /// would fit with every lower-priority pod gone, add those pods back highest priority
    /// first while the pod still fits; the rest are victims. Then pick the node with the
    /// fewest PodDisruptionBudget violations, the lowest highest-victim priority, the
    /// smallest priority sum, the fewest victims; ties go to the first node.
    func preemptionCandidate(_ pod: SimPod) -> (node: Int, victims: [Int])? {
        var best: (node: Int, victims: [Int], key: [Int64])?
        for i in nodes.indices {
            if Filters.staticReason(pod.shape, pinned: pod.pinnedNode(in: self), node: nodes[i], index: i) != nil { continue }
            let lower = nodePods[i].filter { pods[$0].shape.priority < pod.shape.priority }
            if lower.isEmpty { continue }
            var free = nodes[i].free
            var ports = nodes[i].usedHostPorts
            for v in lower {
                free = free + pods[v].shape.request
                for hp in pods[v].shape.hostPorts { if let k = ports.firstIndex(of: hp) { ports.remove(at: k) } }
            }
            if !Filters.fitReasons(pod.shape, free: free, usedPorts: ports).isEmpty { continue }
            // Reprieve: most important first (higher priority, then older).
            let ordered = lower.sorted { (pods[$0].shape.priority, -pods[$0].sequence) > (pods[$1].shape.priority, -pods[$1].sequence) }
            var victims: [Int] = []
            let violating = Set(ordered.filter { wouldViolatePDB(pods[$0]) })
            // Pods whose eviction would break a PDB get their reprieve first.
            for v in ordered.filter({ violating.contains($0) }) + ordered.filter({ !violating.contains($0) }) {
                let after = free - pods[v].shape.request
                var portsAfter = ports
                portsAfter.append(contentsOf: pods[v].shape.hostPorts)
                if Filters.fitReasons(pod.shape, free: after, usedPorts: portsAfter).isEmpty {
                    free = after
                    ports = portsAfter
                } else {
                    victims.append(v)
                }
            }
            let violations = Int64(victims.filter { violating.contains($0) }.count)
            let highest = Int64(victims.map { pods[$0].shape.priority }.max() ?? Int.min)
            let sum = victims.reduce(Int64(0)) { $0 + Int64(pods[$1].shape.priority) + Int64(Int32.max) }
            let key = [violations, highest, sum, Int64(victims.count)]
            if best == nil || key.lexicographicallyPrecedes(best!.key) { best = (i, victims, key) }
        }
        return best.map { ($0.node, $0.victims) }
    }

    /// Whether evicting this pod alone would take a PDB below what it allows.
    func wouldViolatePDB(_ pod: SimPod) -> Bool {
        for pdb in pdbs where (pdb.metadata.namespace ?? "default") == pod.namespace {
            guard let sel = pdb.spec.selector, sel.matches(pod.shape.labels) else { continue }
            if disruptionsAllowed(pdb) <= 0 { return true }
        }
        return false
    }

    /// `status.disruptionsAllowed` as the disruption controller computes it: healthy pods
    /// minus the desired healthy count.
    public func disruptionsAllowed(_ pdb: PodDisruptionBudget) -> Int {
        let (healthy, expected) = pdbCounts(pdb)
        return healthy - desiredHealthy(pdb, expected: expected)
    }

    public func pdbCounts(_ pdb: PodDisruptionBudget) -> (healthy: Int, expected: Int) {
        let ns = pdb.metadata.namespace ?? "default"
        guard let sel = pdb.spec.selector else { return (0, 0) }
        var healthy = 0
        var expected = 0
        var owners = Set<Int>()
        for i in candidates(namespace: ns, pairs: sel.matchLabels ?? [:], matches: { sel.matches($0.shape.labels) }) {
            let p = pods[i]
            if p.isReady { healthy += 1 }
            if let o = p.owner { owners.insert(o) } else { expected += 1 }
        }
        for o in owners { expected += max(workloads[o].replicas, 1) }
        return (healthy, expected)
    }

    public func desiredHealthy(_ pdb: PodDisruptionBudget, expected: Int) -> Int {
        if let min = pdb.spec.minAvailable { return min.scaled(total: expected, roundUp: true) ?? 0 }
        if let maxU = pdb.spec.maxUnavailable { return max(0, expected - (maxU.scaled(total: expected, roundUp: true) ?? 0)) }
        return expected
    }
}
