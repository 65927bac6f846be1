import KubeModel

extension SimState {
    /// One pass of every controller; returns whether anything changed.
    mutating func runControllers() -> Bool {
        var changed = false
        let work = dirty.sorted()
        dirty = []
        for w in work { changed = reconcile(w) || changed }
        return changed
    }

    /// One pass of workload `w`'s controller.
    mutating func reconcile(_ w: Int) -> Bool {
        switch workloads[w].kind {
        case .deployment: reconcileDeployment(w)
        case .replicaSet, .job: reconcileCount(w)
        case .statefulSet: reconcileStatefulSet(w)
        case .daemonSet: reconcileDaemonSet(w)
        case .barePod, .staticPod: false
        }
    }

    func blocked(_ w: Int) -> Bool {
        events.contains { if case .rejected(let x, _) = $0 { x == w } else { false } }
    }

    /// Deletion order of the ReplicaSet controller: pending before scheduled, not-ready
    /// before ready, newest first (`controller.ActivePods`).
    func deletionOrder(_ list: [Int]) -> [Int] {
        list.sorted {
            let a = pods[$0], b = pods[$1]
            return (a.isScheduled ? 1 : 0, a.isReady ? 1 : 0, -a.sequence) < (b.isScheduled ? 1 : 0, b.isReady ? 1 : 0, -b.sequence)
        }
    }

    /// ReplicaSets and Jobs: keep the desired number of pods.
    mutating func reconcileCount(_ w: Int) -> Bool {
        let live = activePods(of: w)
        let want = workloads[w].replicas
        if live.count > want {
            removeAll(Array(deletionOrder(live).prefix(live.count - want)))
            return true
        }
        var changed = false
        if !blocked(w) {
            for _ in live.count..<want where createPod(for: w) { changed = true }
        }
        return changed
    }

    /// The rolling update of `pkg/controller/deployment/rolling.go`: scale the new
    /// ReplicaSet up to replicas + maxSurge in total, scale old ones down while at least
    /// replicas - maxUnavailable pods stay available (unhealthy old pods go first).
    mutating func reconcileDeployment(_ w: Int) -> Bool {
        let d = workloads[w]
        let live = activePods(of: w)
        let new = live.filter { pods[$0].revision == 1 }
        let old = live.filter { pods[$0].revision != 1 }
        let want = d.replicas
        if old.isEmpty || d.paused {
            if d.paused && !old.isEmpty { return false }
            if new.count > want {
                removeAll(Array(deletionOrder(new).prefix(new.count - want)))
                return true
            }
            var changed = false
            if !blocked(w) { for _ in new.count..<want where createPod(for: w) { changed = true } }
            return changed
        }
        if d.recreate {
            removeAll(old)
            return true
        }
        var changed = false
        // Scale up.
        let room = min(want + d.maxSurge - live.count, want - new.count)
        if room > 0 && !blocked(w) {
            for _ in 0..<room where createPod(for: w) { changed = true }
        }
        // Scale down: unhealthy old pods first, then as many healthy ones as availability allows.
        let live2 = activePods(of: w)
        let new2 = live2.filter { pods[$0].revision == 1 }
        let old2 = live2.filter { pods[$0].revision != 1 }
        let available = live2.filter { pods[$0].isReady }.count
        let minAvailable = want - d.maxUnavailable
        let newUnavailable = new2.filter { !pods[$0].isReady }.count
        var toRemove: [Int] = []
        let unhealthyOld = deletionOrder(old2.filter { !pods[$0].isReady })
        let cleanup = max(0, live2.count - minAvailable - newUnavailable)
        toRemove += unhealthyOld.prefix(cleanup)
        var budget = available - minAvailable
        for i in deletionOrder(old2.filter { pods[$0].isReady }) where budget > 0 {
            toRemove.append(i); budget -= 1
        }
        if !toRemove.isEmpty { removeAll(toRemove); changed = true }
        return changed
    }

    /// OrderedReady StatefulSets create ordinal n only when 0..n-1 are Ready, and update
    /// from the highest ordinal down, one pod at a time, down to the partition; OnDelete
    /// updates none (`pkg/controller/statefulset/stateful_set_control.go`, `updateStatefulSet`).
    mutating func reconcileStatefulSet(_ w: Int) -> Bool {
        let s = workloads[w]
        let live = livePods(of: w)
        if live.count > s.replicas {
            removeAll(Array(live.sorted { ordinal(of: $0) > ordinal(of: $1) }.prefix(live.count - s.replicas)))
            return true
        }
        if s.orderedReady && live.contains(where: { !pods[$0].isReady }) { return false }
        let updatable = s.onDelete ? [] : live.filter { pods[$0].revision != 1 && ordinal(of: $0) >= s.partition }
        if let highest = updatable.max(by: { ordinal(of: $0) < ordinal(of: $1) }) {
            let o = ordinal(of: highest)
            remove(highest)
            createPod(for: w, ordinal: o)
            return true
        }
        let taken = Set(live.map { ordinal(of: $0) })
        var changed = false
        for o in 0..<s.replicas where !taken.contains(o) && !blocked(w) {
            if createPod(for: w, ordinal: o) { changed = true }
            if s.orderedReady { break }
        }
        return changed
    }

    /// A StatefulSet pod's ordinal: set for pods the simulation made, read off the name
    /// (`<set>-<n>`) for pods of the snapshot.
    func ordinal(of i: Int) -> Int {
        if let o = pods[i].ordinal { return o }
        let name = name(of: i)
        return name.split(separator: "-").last.flatMap { Int($0) } ?? Int.max
    }

    /// One pod on every node the pod may run on by selector, affinity and taints.
    /// DaemonSet pods tolerate the not-ready, unreachable and unschedulable taints the
    /// controller adds (`pkg/controller/daemon/util`, `AddOrUpdateDaemonPodTolerations`).
    mutating func reconcileDaemonSet(_ w: Int) -> Bool {
        guard let shape = workloads[w].template else { return false }
        let live = livePods(of: w)
        var changed = false
        var covered = Set<Int>()
        for i in live {
            if let n = pods[i].node ?? pods[i].pinned { covered.insert(n) }
        }
        // Nodes the daemon should run on, judged as if Ready and schedulable: the controller
        // creates the pod, the scheduler decides.
        let judged = workloads[w].daemonNodes ?? shape
        let eligible = nodes.indices.filter { canRun(judged, on: nodes[$0]) }
        // OnDelete replaces only pods that are gone.
        if !workloads[w].onDelete, live.contains(where: { pods[$0].revision != 1 }), rollDaemonSet(w, desired: eligible.count) {
            return true
        }
        for i in eligible where !covered.contains(i) {
            if blocked(w) { break }
            if createPod(for: w, pinned: i) { changed = true }
        }
        workloads[w].replicas = eligible.count
        return changed
    }
}
