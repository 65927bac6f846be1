import KubeModel

extension SimState {
    /// The DaemonSet rolling update (`rollingUpdate`, `pkg/controller/daemon/update.go`), both
    /// bounds scaled against the nodes that should run the daemon, rounding up. With maxSurge 0,
    /// old pods go on as many nodes as maxUnavailable leaves (old pods that are not Ready go
    /// regardless) and the daemon sync recreates them. With maxSurge, a new pod starts beside the
    /// old one on up to maxSurge nodes at a time (any node whose old pod is not Ready too), and
    /// the old one goes once the new one is Ready: on a node without room for both, the new pod
    /// waits Pending and the rollout stops there. Returns whether it changed anything.
    mutating func rollDaemonSet(_ w: Int, desired: Int) -> Bool {
        let update = workloads[w].daemonUpdate
        let surge = update?.maxSurge?.scaled(total: desired, roundUp: true) ?? 0
        var unavailableBudget = update?.maxUnavailable?.scaled(total: desired, roundUp: true) ?? 1
        if surge == 0 && unavailableBudget == 0 { unavailableBudget = 1 }   // validation refuses both 0
        let live = livePods(of: w)
        func node(_ i: Int) -> Int? { pods[i].node ?? pods[i].pinned }
        var newOn: [Int: Int] = [:]
        for i in live where pods[i].revision == 1 { if let n = node(i) { newOn[n] = i } }
        let old = live.filter { pods[$0].revision != 1 }.sorted { (node($0) ?? -1, $0) < (node($1) ?? -1, $1) }
        var delete: [Int] = []
        var create: [Int] = []
        if surge > 0 {
            var surging = 0
            var candidates: [Int] = []
            for o in old {
                guard let n = node(o) else { delete.append(o); continue }
                if let fresh = newOn[n] {
                    if pods[fresh].isReady { delete.append(o) } else { surging += 1 }
                } else if !pods[o].isReady {
                    create.append(n)
                } else {
                    candidates.append(n)
                }
            }
            create += candidates.prefix(max(0, surge - surging))
        } else {
            var unavailable = live.filter { pods[$0].revision == 1 && !pods[$0].isReady }.count
            for o in old {
                if let n = node(o), newOn[n] != nil { delete.append(o); unavailable += 1; continue }
                if !pods[o].isReady { delete.append(o); continue }
                if unavailable < unavailableBudget { delete.append(o); unavailable += 1 }
            }
            create = delete.compactMap(node).filter { newOn[$0] == nil }
        }
        guard !delete.isEmpty || !create.isEmpty else { return false }
        removeAll(delete)
        for n in create where !blocked(w) { createPod(for: w, pinned: n) }
        return true
    }
}
