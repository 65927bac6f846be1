import KubeModel

/// A topology spread constraint resolved against its pod
/// (`pkg/scheduler/framework/plugins/podtopologyspread/common.go`, `topologySpreadConstraint`).
public struct SpreadConstraint: Sendable, Hashable {
    public var maxSkew: Int
    public var topologyKey: String
    public var doNotSchedule: Bool
    /// nil matches no pod.
    public var selector: LabelSelector?
    public var minDomains: Int
    /// `nodeAffinityPolicy: Honor` (the default): nodes the pod's node affinity excludes do not count.
    public var honorNodeAffinity: Bool
    /// `nodeTaintsPolicy: Honor` (not the default): nodes with taints the pod does not tolerate do not count.
    public var honorTaints: Bool

    init(_ c: TopologySpreadConstraint, labels: [String: String]) {
        maxSkew = c.maxSkew
        topologyKey = c.topologyKey
        doNotSchedule = c.whenUnsatisfiable == "DoNotSchedule"
        minDomains = max(c.minDomains ?? 1, 1)
        honorNodeAffinity = (c.nodeAffinityPolicy ?? "Honor") == "Honor"
        honorTaints = (c.nodeTaintsPolicy ?? "Ignore") == "Honor"
        var sel = c.labelSelector
        // matchLabelKeys: the pod's own values join the selector (1.27+).
        if sel != nil {
            for key in c.matchLabelKeys ?? [] {
                if let v = labels[key] { sel!.matchExpressions = (sel!.matchExpressions ?? []) + [LabelSelectorRequirement(key: key, operator: "In", values: [v])] }
            }
        }
        selector = sel
    }

    init(maxSkew: Int, topologyKey: String, selector: LabelSelector) {
        self.maxSkew = maxSkew; self.topologyKey = topologyKey; doNotSchedule = false
        self.selector = selector; minDomains = 1; honorNodeAffinity = true; honorTaints = false
    }
}

/// What the scheduler plugins read of a pod, worked out once per pod shape.
public struct SchedulingInfo: Sendable {
    public var tolerations: [Toleration]
    public var nodeSelector: [String: String]
    /// nil: no required node affinity.
    public var requiredNodeTerms: [NodeSelectorTerm]?
    public var preferredNodeTerms: [PreferredSchedulingTerm]
    public var requiredAffinity: [AffinityTerm]
    public var requiredAntiAffinity: [AffinityTerm]
    public var preferredAffinity: [AffinityTerm]
    public var preferredAntiAffinity: [AffinityTerm]
    public var spread: [SpreadConstraint]
    /// Requests with the scheduler's defaults for containers that state none (100m CPU and
    /// 200MB memory each: `schedutil.DefaultMilliCPURequest`, `DefaultMemoryRequest`), for scoring.
    public var nonZeroRequest: Resources
    public var images: [String]
    /// PersistentVolumeClaims the pod mounts.
    public var claims: [String]

    var hasPodAffinity: Bool { !requiredAffinity.isEmpty || !requiredAntiAffinity.isEmpty || !preferredAffinity.isEmpty || !preferredAntiAffinity.isEmpty }

    init(_ spec: PodSpec, namespace: String, labels: [String: String]) {
        tolerations = spec.tolerationsOrEmpty
        nodeSelector = spec.nodeSelector ?? [:]
        let na = spec.affinity?.nodeAffinity
        requiredNodeTerms = na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
        preferredNodeTerms = na?.preferredDuringSchedulingIgnoredDuringExecution ?? []
        let pa = spec.affinity?.podAffinity, anti = spec.affinity?.podAntiAffinity
        func terms(_ list: [PodAffinityTerm]?) -> [AffinityTerm] {
            (list ?? []).map { AffinityTerm($0, of: namespace, labels: labels) }
        }
        func weighted(_ list: [WeightedPodAffinityTerm]?) -> [AffinityTerm] {
            (list ?? []).map { AffinityTerm($0.podAffinityTerm, of: namespace, labels: labels, weight: $0.weight) }
        }
        requiredAffinity = terms(pa?.requiredDuringSchedulingIgnoredDuringExecution)
        requiredAntiAffinity = terms(anti?.requiredDuringSchedulingIgnoredDuringExecution)
        preferredAffinity = weighted(pa?.preferredDuringSchedulingIgnoredDuringExecution)
        preferredAntiAffinity = weighted(anti?.preferredDuringSchedulingIgnoredDuringExecution)
        spread = (spec.topologySpreadConstraints ?? []).map { SpreadConstraint($0, labels: labels) }
        nonZeroRequest = PodRequests.nonZero(spec)
        // As nodes report them (`docker.io/library/nginx:latest`), worked out once per shape.
        images = spec.containers.compactMap(\.image).map(ImageLocality.normalized)
        claims = spec.volumesOrEmpty.filter { $0.source == "persistentVolumeClaim" }.compactMap { $0.references.first?.name }
    }
}
