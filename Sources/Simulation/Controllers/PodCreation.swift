import KubeModel

extension SimState {
    /// A controller asks the API server for a new pod of workload `w`. LimitRanger and the
    /// ResourceQuota plugin may refuse it, as they do for real controllers (FailedCreate).
    @discardableResult
    mutating func createPod(for w: Int, ordinal: Int? = nil, pinned: Int? = nil) -> Bool {
        guard let shape = workloads[w].template else { return false }
        let named = workloads[w].kind == .statefulSet ? ordinal.map { "\(workloads[w].ref.name)-\($0)" } : nil
        let claimRefused = workloads[w].kind == .statefulSet ? ordinal.flatMap { claimRefusal(w, ordinal: $0) } : nil
        if let refusal = claimRefused ?? admissionRefusal(shape, pod: named) {
            if !events.contains(.rejected(workload: w, refusal: refusal)) {
                events.append(.rejected(workload: w, refusal: refusal))
            }
            return false
        }
        insert(SimPod(shape: shape, owner: w, revision: 1, node: nil, health: workloads[w].newPodHealth,
                      simulated: true, terminal: false, sequence: nextSequence, pinned: pinned, ordinal: ordinal))
        nextSequence += 1
        return true
    }
}
