import KubeModel

/// PodDisruptionBudget status as the disruption controller computes it
/// (`pkg/controller/disruption/disruption.go`), for the eviction API and preemption.
extension SimState {
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
            // The disruption controller counts no pod that is being deleted as healthy
            // (`countHealthyPods`, pkg/controller/disruption/disruption.go).
            if p.isReady && !terminatingVictims.contains(i) { healthy += 1 }
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
