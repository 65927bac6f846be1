import KubeModel

extension SimState {
    /// Ready, non-terminating pods a Service selects: its endpoints (EndpointSlice controller).
    public func readyEndpoints(_ s: Service) -> Int {
        guard let sel = s.selector else { return -1 }
        let ns = s.metadata.namespace ?? "default"
        var n = 0
        for list in nodePods {
            for i in list where pods[i].namespace == ns && pods[i].isReady {
                if sel.allSatisfy({ pods[i].shape.labels[$0.key] == $0.value }) { n += 1 }
            }
        }
        return n
    }

    /// Ready pods of workload `w` (of any revision).
    public func readyCount(_ w: Int) -> Int {
        var n = 0
        for i in livePods(of: w) where pods[i].isReady { n += 1 }
        return n
    }

    /// The workload that owns most of the pods a selector picks, for naming findings.
    public func owningWorkload(namespace: String, matching: (SimPod) -> Bool) -> Int? {
        var counts: [Int: Int] = [:]
        for i in livePodIndices where pods[i].namespace == namespace && matching(pods[i]) {
            if let o = pods[i].owner { counts[o, default: 0] += 1 }
        }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }
}
