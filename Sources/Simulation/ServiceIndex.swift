import KubeModel

/// The Services of each namespace by one pair of their selector (its smallest key and that
/// key's value), so that "which Services select this pod" is a look-up per pod label rather
/// than a scan of the namespace's Services. kube-scheduler asks it for every pod it scores
/// (the default spread selector, `helper.DefaultSelector`), and the endpoints for every
/// workload a change touches: with thousands of Services in one namespace, the scan was most
/// of a node failure's rescheduling.
struct ServiceIndex: Sendable {
    /// namespace → selector key → value → indices into the state's `services`.
    private var byPair: [String: [String: [String: [Int]]]] = [:]

    init() {}

    init(_ services: [Service]) {
        for (k, s) in services.enumerated() {
            // A Service without a selector selects nothing (`GetPodServices`, the endpoints
            // controller): its endpoints are managed by hand. An empty one is stored as none
            // (`omitempty`), and `Service.selector` reads it so.
            guard let sel = s.selector, let key = sel.keys.min() else { continue }
            byPair[s.metadata.namespace ?? "default", default: [:]][key, default: [:]][sel[key]!, default: []].append(k)
        }
    }

    /// Indices, ascending, of the Services in `namespace` whose every selector pair `labels`
    /// holds.
    func selecting(_ labels: [String: String], namespace: String, in services: [Service]) -> [Int] {
        var out: [Int] = []
        if let keys = byPair[namespace] {
            for (k, v) in labels {
                for s in keys[k]?[v] ?? [] where services[s].selector!.allSatisfy({ labels[$0.key] == $0.value }) { out.append(s) }
            }
        }
        out.sort()
        return out
    }
}
