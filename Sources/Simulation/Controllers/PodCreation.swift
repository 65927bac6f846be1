import KubeModel

extension SimState {
    /// A controller asks the API server for a new pod of workload `w`. LimitRanger and the
    /// ResourceQuota plugin may refuse it, as they do for real controllers (FailedCreate).
    @discardableResult
    mutating func createPod(for w: Int, ordinal: Int? = nil, pinned: Int? = nil) -> Bool {
        guard let shape = workloads[w].template else { return false }
        if let reason = admissionRejection(shape) {
            if !events.contains(.rejected(workload: w, reason: reason)) {
                events.append(.rejected(workload: w, reason: reason))
            }
            return false
        }
        insert(SimPod(shape: shape, owner: w, revision: 1, node: nil, health: workloads[w].newPodHealth,
                      simulated: true, terminal: false, sequence: nextSequence, pinned: pinned, ordinal: ordinal))
        nextSequence += 1
        return true
    }

    /// Why admission would refuse a pod of this shape in its namespace, or nil.
    /// The validating plugins in the API server's order: LimitRanger, PodSecurity, then
    /// ResourceQuota last (`pkg/kubeapiserver/options/plugins.go`).
    func admissionRejection(_ shape: PodShape) -> String? {
        if let v = LimitRanger.violation(shape.spec, ranges: limitRanges[shape.namespace] ?? []) { return v }
        if let v = PodSecurity.violation(shape.spec, level: PodSecurity.level(namespaceLabels[shape.namespace] ?? [:])) { return v }
        for q in quotas where q.namespace == shape.namespace {
            for (resource, hard) in q.hard.sorted(by: { $0.key < $1.key }) {
                guard let add = QuotaState.charge(of: shape.spec, resource: resource), add > .zero else {
                    // A quota on a resource the pod does not state still requires it to be stated.
                    if resource.hasPrefix("limits.") || resource.hasPrefix("requests.") {
                        if QuotaState.charge(of: shape.spec, resource: resource) == .zero {
                            return "ResourceQuota \(q.quota.metadata.nameOrEmpty) limits \(resource), so every container must set it, and the pod does not"
                        }
                    }
                    continue
                }
                let used = usage(q, resource: resource) + (q.unexplained[resource] ?? .zero)
                if used + add > hard {
                    return "exceeded quota: \(q.quota.metadata.nameOrEmpty), requested: \(resource)=\(add), used: \(resource)=\(used), limited: \(resource)=\(hard)"
                }
            }
        }
        return nil
    }
}
