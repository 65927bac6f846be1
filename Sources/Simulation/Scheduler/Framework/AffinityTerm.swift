import KubeModel

/// A pod (anti-)affinity term resolved against the pod that carries it
/// (`pkg/scheduler/framework/types.go`, `AffinityTerm`): which namespaces it looks at and
/// which labels it wants.
public struct AffinityTerm: Sendable, Hashable {
    /// Namespaces named by the term; the pod's own when it names none and has no selector.
    public var namespaces: Set<String>
    /// A nil selector matches no namespace; an empty one matches all.
    public var namespaceSelector: LabelSelector?
    /// A nil selector matches no pod; an empty one matches all (`LabelSelectorAsSelector`).
    public var selector: LabelSelector?
    public var topologyKey: String
    public var weight: Int

    init(_ t: PodAffinityTerm, of namespace: String, labels: [String: String], weight: Int = 0) {
        namespaces = (t.namespaces ?? []).isEmpty && t.namespaceSelector == nil ? [namespace] : Set(t.namespaces ?? [])
        namespaceSelector = t.namespaceSelector
        topologyKey = t.topologyKey
        self.weight = weight
        // matchLabelKeys / mismatchLabelKeys join the selector with the pod's own values
        // (`pkg/api/pod/util.go`, applied by the API server since 1.31).
        var sel = t.labelSelector
        if sel != nil {
            for key in t.matchLabelKeys ?? [] {
                if let v = labels[key] { sel!.matchExpressions = (sel!.matchExpressions ?? []) + [LabelSelectorRequirement(key: key, operator: "In", values: [v])] }
            }
            for key in t.mismatchLabelKeys ?? [] {
                if let v = labels[key] { sel!.matchExpressions = (sel!.matchExpressions ?? []) + [LabelSelectorRequirement(key: key, operator: "NotIn", values: [v])] }
            }
        }
        selector = sel
    }

    /// Whether a pod in `namespace` with `labels` is one the term is about.
    public func matches(namespace: String, labels: [String: String], namespaceLabels: [String: String]?) -> Bool {
        let inNamespace = namespaces.contains(namespace) || (namespaceSelector.map { $0.matches(namespaceLabels ?? [:]) } ?? false)
        guard inNamespace, let selector else { return false }
        return selector.matches(labels)
    }
}
