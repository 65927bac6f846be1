import KubeModel

extension SimState {
    /// Lets controllers and the scheduler act until nothing changes: the steady state a
    /// quiet cluster reaches after the change. Bounded, so a controller that would create
    /// pods forever (a pod that is rejected again and again) cannot hang the simulation.
    public mutating func settle(maxRounds: Int = 200) {
        for _ in 0..<maxRounds {
            var changed = runControllers()
            changed = schedulePending() || changed
            if !changed { return }
        }
    }

    /// The scheduling queue: highest priority first, then oldest. Pods that did not fit are
    /// tried again each round, as the scheduler flushes its unschedulable queue on cluster events.
    mutating func schedulePending() -> Bool {
        for i in pods.indices where pods[i].node == nil && !pods[i].terminal { pods[i].pendingReason = nil }
        var changed = false
        while true {
            let pending = pods.indices.filter { pods[$0].node == nil && !pods[$0].terminal && pods[$0].pendingReason == nil }
            guard let next = pending.min(by: {
                (-pods[$0].shape.priority, pods[$0].sequence) < (-pods[$1].shape.priority, pods[$1].sequence)
            }) else { break }
            if schedule(next) { changed = true }
        }
        return changed
    }
}
