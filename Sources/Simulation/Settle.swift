import KubeModel

extension SimState {
    /// Lets controllers and the scheduler act until nothing changes: the steady state a
    /// quiet cluster reaches after the change. Bounded, so a controller that would create
    /// pods forever (a pod that is rejected again and again) cannot hang the simulation.
    public mutating func settle(maxRounds: Int = 200) {
        for _ in 0..<maxRounds {
            var changed = runControllers()
            changed = schedulePending() || changed
            if !changed && dirty.isEmpty { return }
        }
    }

    /// The scheduling queue: highest priority first, then oldest. Pods that did not fit are
    /// tried again each round, as the scheduler flushes its unschedulable queue on cluster events.
    mutating func schedulePending() -> Bool {
        var changed = false
        let queue = pending.sorted {
            (-pods[$0].shape.priority, pods[$0].sequence) < (-pods[$1].shape.priority, pods[$1].sequence)
        }
        for i in queue where pods[i].node == nil && !pods[i].terminal && mayFitNow(i) {
            if schedule(i) {
                changed = true
            } else {
                failedAt[i] = schedulingEpoch
                failedAtBind[i] = bindEpoch
            }
        }
        // The pass is over: owners waiting to replace a victim do so, the kubelets stop the
        // victims, and their preemptors are tried again.
        replaceDeferredVictims()
        let victims = terminatingVictims
        terminatingVictims = []
        for v in victims { remove(v) }
        return changed || !victims.isEmpty
    }

    /// Whether something changed since pod `i` last failed that could let it fit.
    func mayFitNow(_ i: Int) -> Bool {
        if failedAt[i] != schedulingEpoch { return true }
        let sched = pods[i].shape
        return (sched.scheduling.hasPodAffinity || !(sched.spec.topologySpreadConstraints ?? []).isEmpty) && failedAtBind[i] != bindEpoch
    }
}
