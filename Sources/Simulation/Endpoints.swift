import KubeModel

extension SimState {
    /// The pods a Service sends traffic to, as the endpoints controllers make them
    /// (`pkg/controller/endpoint/endpoints_controller.go`, `endpointslice/reconciler.go`):
    /// non-terminating pods it selects that are Ready (or any running pod with
    /// `publishNotReadyAddresses`), and that serve at least one of its ports: a named
    /// `targetPort` is looked up in each pod's containers (`podutil.FindPort`), and a pod that
    /// declares no such port gets no endpoint.
    public func readyEndpoints(_ s: Service) -> Int {
        guard s.selector != nil else { return -1 }
        return endpointPods(s).count
    }

    /// The pods behind a Service with a selector (see `readyEndpoints`).
    public func endpointPods(_ s: Service) -> [Int] {
        guard let sel = s.selector else { return [] }
        let ns = s.metadata.namespace ?? "default"
        let notReadyToo = s.spec?.publishNotReadyAddresses == true
        let ports = s.spec?.ports ?? []
        return candidates(namespace: ns, pairs: sel) { p in
            (notReadyToo ? p.node != nil && !p.terminal : p.isReady) && sel.allSatisfy { p.shape.labels[$0.key] == $0.value }
                && Self.servesAPort(p.shape.spec, ports)
        }
    }

    /// The container port a Service port reaches on a pod (`podutil.FindPort`): a number as
    /// it is, a name looked up in the pod's containers; nil when the pod has no such port.
    public static func resolvedPort(_ port: ServicePort, in spec: PodSpec) -> Int? {
        switch port.targetPort {
        case nil: return port.port
        case .int(let n)?: return n
        case .string(let name)?:
            let proto = port.protocol ?? "TCP"
            for c in spec.containers {
                if let p = c.portsOrEmpty.first(where: { $0.name == name && ($0.protocol ?? "TCP") == proto }) { return p.containerPort }
            }
            return nil
        }
    }

    static func servesAPort(_ spec: PodSpec, _ ports: [ServicePort]) -> Bool {
        ports.isEmpty || ports.contains { resolvedPort($0, in: spec) != nil }
    }

    /// Ready pods of workload `w` (of any revision).
    public func readyCount(_ w: Int) -> Int {
        var n = 0
        for i in livePods(of: w) where pods[i].isReady { n += 1 }
        return n
    }

    /// The workload that owns most of the pods a selector picks, for naming findings.
    public func owningWorkload(namespace: String, pairs: [String: String] = [:], matching: (SimPod) -> Bool) -> Int? {
        var counts: [Int: Int] = [:]
        for i in candidates(namespace: namespace, pairs: pairs, matches: matching) {
            if let o = pods[i].owner { counts[o, default: 0] += 1 }
        }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }
}

extension SimState {
    /// Label sets of a workload's pods: its template's and those of its live pods.
    func labelSets(of w: Int) -> [[String: String]] {
        var sets: [[String: String]] = []
        guard w < workloads.count else { return sets }
        if let t = workloads[w].template { sets.append(t.labels) }
        for i in livePods(of: w).prefix(8) where !sets.contains(pods[i].shape.labels) { sets.append(pods[i].shape.labels) }
        return sets
    }

    /// Services that select pods of any of these workloads: the only ones a change to them
    /// can empty.
    public func services(touching ws: Set<Int>) -> [Service] {
        let sets = ws.sorted().flatMap { w in labelSets(of: w).map { (workloads[w].ref.namespace ?? "default", $0) } }
        let hits = Set(sets.flatMap { ns, labels in serviceIndex.selecting(labels, namespace: ns, in: services) })
        return hits.sorted().map { services[$0] }
    }

    /// PodDisruptionBudgets that select pods of any of these workloads.
    public func pdbs(touching ws: Set<Int>) -> [PodDisruptionBudget] {
        let sets = ws.sorted().flatMap { w in labelSets(of: w).map { (workloads[w].ref.namespace ?? "default", $0) } }
        return pdbs.filter { pdb in
            guard let sel = pdb.spec.selector else { return false }
            let ns = pdb.metadata.namespace ?? "default"
            return sets.contains { $0.0 == ns && sel.matches($0.1) }
        }
    }
}
