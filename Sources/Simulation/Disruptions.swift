import KubeModel

extension SimState {
    /// A node stops responding. Its pods are marked not Ready when the node goes NotReady;
    /// after their unreachable toleration the taint manager evicts them and controllers
    /// replace them elsewhere. DaemonSet and static pods stay bound to the node, and
    /// StatefulSet pods are not replaced while the node cannot confirm they stopped.
    /// Returns the names of the pods evicted.
    @discardableResult
    public mutating func failNode(_ name: String) -> [String] {
        guard let n = nodeIndex[name] else { return [] }
        nodes[n].ready = false
        capacityChanged()
        var evicted: [String] = []
        var remove: [Int] = []
        for i in nodePods[n] {
            let kind = pods[i].owner.map { workloads[$0].kind }
            let stays = kind == .daemonSet || kind == .staticPod || kind == .statefulSet
            if stays || !evictedByTaintManager(pods[i]) {
                setHealth(pod: i, .notRunning)
            } else {
                evicted.append(self.name(of: i))
                events.append(.evicted(pod: self.name(of: i), owner: pods[i].owner, node: name))
                remove.append(i)
            }
        }
        removeAll(remove)
        clock += 340
        settle()
        return evicted
    }

    /// Whether the pod's tolerations let the taint manager evict it (a toleration of the
    /// unreachable taint with no tolerationSeconds keeps it bound forever).
    func evictedByTaintManager(_ p: SimPod) -> Bool {
        let taint = Taint(key: "node.kubernetes.io/unreachable", effect: "NoExecute")
        let matching = p.shape.spec.tolerationsOrEmpty.filter { $0.tolerates(taint) }
        if matching.isEmpty { return true }
        return matching.allSatisfy { $0.tolerationSeconds != nil }
    }

    /// `kubectl drain`: cordon the node, then evict each pod the eviction API allows, one at
    /// a time, so that each eviction sees the disruption budget the previous one left.
    /// DaemonSet and static pods are skipped as kubectl does. Returns pods that could not go.
    @discardableResult
    public mutating func drainNode(_ name: String) -> [String] {
        guard let n = nodeIndex[name] else { return [] }
        nodes[n].unschedulable = true
        capacityChanged()
        var blockedPods: [String] = []
        var progress = true
        while progress {
            progress = false
            for i in nodePods[n] {
                let kind = pods[i].owner.map { workloads[$0].kind }
                if kind == .daemonSet || kind == .staticPod { continue }
                if wouldViolatePDB(pods[i]) {
                    if !blockedPods.contains(self.name(of: i)) { blockedPods.append(self.name(of: i)) }
                    continue
                }
                events.append(.evicted(pod: self.name(of: i), owner: pods[i].owner, node: name))
                remove(i)
                progress = true
                break
            }
        }
        settle()
        return blockedPods.filter { name in nodePods[n].contains { self.name(of: $0) == name } }
    }

    /// Marks every pod of workload `w` with a health, as a fault forces it.
    public mutating func setHealth(of w: Int, _ h: PodHealth, reason: String? = nil) {
        for i in livePods(of: w) where pods[i].isScheduled { setHealth(pod: i, h, reason: reason) }
    }
}
