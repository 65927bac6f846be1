public struct NodeSelectorRequirement: Sendable, Hashable, Codable {
    public var key: String
    public var `operator`: String
    public var values: [String]?
}

public struct NodeSelectorTerm: Sendable, Hashable, Codable {
    public var matchExpressions: [NodeSelectorRequirement]?
    public var matchFields: [NodeSelectorRequirement]?
}

public struct NodeSelector: Sendable, Hashable, Codable {
    public var nodeSelectorTerms: [NodeSelectorTerm]
}

public struct PreferredSchedulingTerm: Sendable, Hashable, Codable {
    public var weight: Int
    public var preference: NodeSelectorTerm
}

public struct NodeAffinity: Sendable, Hashable, Codable {
    public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    public var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]?
}

public struct PodAffinityTerm: Sendable, Hashable, Codable {
    public var labelSelector: LabelSelector?
    public var topologyKey: String
    public var namespaces: [String]?
}

public struct PodAffinity: Sendable, Hashable, Codable {
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
}

public struct Affinity: Sendable, Hashable, Codable {
    public var nodeAffinity: NodeAffinity?
    public var podAffinity: PodAffinity?
    public var podAntiAffinity: PodAffinity?
}

public struct Toleration: Sendable, Hashable, Codable {
    public var key: String?
    public var `operator`: String?
    public var value: String?
    public var effect: String?
    public var tolerationSeconds: Int?

    public init(key: String? = nil, operator op: String? = nil, value: String? = nil, effect: String? = nil, tolerationSeconds: Int? = nil) {
        self.key = key; self.operator = op; self.value = value; self.effect = effect; self.tolerationSeconds = tolerationSeconds
    }

    /// `v1.Toleration.ToleratesTaint`: an empty key with `Exists` tolerates every taint.
    public func tolerates(_ taint: Taint) -> Bool {
        if let effect, !effect.isEmpty, effect != taint.effect { return false }
        if let key, !key.isEmpty, key != taint.key { return false }
        switch self.operator ?? "Equal" {
        case "Exists": return true
        case "Equal", "": return (value ?? "") == (taint.value ?? "")
        default: return false
        }
    }
}

public struct TopologySpreadConstraint: Sendable, Hashable, Codable {
    public var maxSkew: Int
    public var topologyKey: String
    public var whenUnsatisfiable: String
    public var labelSelector: LabelSelector?
    public var minDomains: Int?
}

public struct PodSpec: Sendable, Hashable, Codable {
    public var containers: [Container]
    public var initContainers: [Container]?
    public var nodeName: String?
    public var nodeSelector: [String: String]?
    public var affinity: Affinity?
    public var tolerations: [Toleration]?
    public var topologySpreadConstraints: [TopologySpreadConstraint]?
    public var priorityClassName: String?
    public var priority: Int?
    public var preemptionPolicy: String?
    public var restartPolicy: String?
    public var overhead: [String: Quantity]?
    public var hostNetwork: Bool?
    public var schedulerName: String?
    public var terminationGracePeriodSeconds: Int?

    public init(containers: [Container]) { self.containers = containers }

    public var initContainersOrEmpty: [Container] { initContainers ?? [] }
    public var tolerationsOrEmpty: [Toleration] { tolerations ?? [] }
    public var restartPolicyOrDefault: String { restartPolicy ?? "Always" }
}

public struct PodTemplateSpec: Sendable, Hashable, Codable {
    public var metadata: ObjectMeta?
    public var spec: PodSpec
    public init(metadata: ObjectMeta?, spec: PodSpec) { self.metadata = metadata; self.spec = spec }
}
