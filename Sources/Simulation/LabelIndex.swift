import KubeModel

/// Pods by namespace and label pair, built once for the pods a state starts with. Every
/// copy of the state shares it (pods are never removed, only marked terminal, so indices
/// stay valid); pods added later are few and scanned directly. Turns "which pods does this
/// Service select" from a scan of the cluster into a look-up.
final class LabelIndex: Sendable {
    let postings: [String: [Int]]
    /// Pods at or after this index were added after the index was built.
    let covered: Int

    init(_ pods: [SimPod]) {
        var p: [String: [Int]] = [:]
        for (i, pod) in pods.enumerated() {
            for (k, v) in pod.shape.labels { p[Self.key(pod.namespace, k, v), default: []].append(i) }
        }
        postings = p
        covered = pods.count
    }

    static func key(_ ns: String, _ k: String, _ v: String) -> String { "\(ns)\u{0}\(k)\u{0}\(v)" }

    static let empty = LabelIndex([])
}

extension SimState {
    /// Indices of live pods in `namespace` whose labels satisfy `matches`, using the
    /// narrowest posting list among `pairs` (the selector's equality requirements).
    func candidates(namespace: String, pairs: [String: String], matches: (SimPod) -> Bool) -> [Int] {
        var out: [Int] = []
        if let index = labels, let (k, v) = pairs.min(by: {
            (index.postings[LabelIndex.key(namespace, $0.key, $0.value)]?.count ?? 0, $0.key)
                < (index.postings[LabelIndex.key(namespace, $1.key, $1.value)]?.count ?? 0, $1.key)
        }) {
            for i in index.postings[LabelIndex.key(namespace, k, v)] ?? [] where !pods[i].terminal && matches(pods[i]) {
                out.append(i)
            }
            for i in index.covered..<pods.count where !pods[i].terminal && pods[i].namespace == namespace && matches(pods[i]) {
                out.append(i)
            }
            return out
        }
        for i in pods.indices where !pods[i].terminal && pods[i].namespace == namespace && matches(pods[i]) { out.append(i) }
        return out
    }

    /// Builds the label index over the pods present now.
    public mutating func indexLabels() { labels = LabelIndex(pods) }
}
