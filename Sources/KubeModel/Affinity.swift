public struct NodeSelectorRequirement: Sendable, Hashable, Encodable {
    public var key: String
    public var `operator`: String
    public var values: [String]?
}

public struct NodeSelectorTerm: Sendable, Hashable, Encodable {
    public var matchExpressions: [NodeSelectorRequirement]?
    public var matchFields: [NodeSelectorRequirement]?
}

public struct NodeSelector: Sendable, Hashable, Encodable {
    public var nodeSelectorTerms: [NodeSelectorTerm]
}

public struct PreferredSchedulingTerm: Sendable, Hashable, Encodable {
    public var weight: Int
    public var preference: NodeSelectorTerm
}

public struct NodeAffinity: Sendable, Hashable, Encodable {
    public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    public var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]?
}

public struct PodAffinityTerm: Sendable, Hashable, Encodable {
    public var labelSelector: LabelSelector?
    public var topologyKey: String
    public var namespaces: [String]?
    public var namespaceSelector: LabelSelector?
    public var matchLabelKeys: [String]?
    public var mismatchLabelKeys: [String]?
}

public struct WeightedPodAffinityTerm: Sendable, Hashable, Encodable {
    public var weight: Int
    public var podAffinityTerm: PodAffinityTerm
}

public struct PodAffinity: Sendable, Hashable, Encodable {
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?
}

public struct Affinity: Sendable, Hashable, Encodable {
    public var nodeAffinity: NodeAffinity?
    public var podAffinity: PodAffinity?
    public var podAntiAffinity: PodAffinity?
}

extension NodeSelectorRequirement: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        key = ""; `operator` = ""
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "key": key = try r.readString()
            case "operator": `operator` = try r.readString()
            case "values": values = try r.readStringArray()
            default: try r.skipValue()
            }
        }
    }
}

extension NodeSelectorTerm: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "matchExpressions": matchExpressions = try r.readArray(of: NodeSelectorRequirement.self)
            case "matchFields": matchFields = try r.readArray(of: NodeSelectorRequirement.self)
            default: try r.skipValue()
            }
        }
    }
}

extension NodeSelector: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        nodeSelectorTerms = []
        try r.beginObject()
        while let k = try r.nextKey() {
            if case "nodeSelectorTerms" = k { nodeSelectorTerms = try r.readArray(of: NodeSelectorTerm.self) ?? [] } else { try r.skipValue() }
        }
    }
}

extension PreferredSchedulingTerm: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        weight = 0; preference = NodeSelectorTerm()
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "weight": weight = try r.readInt()
            case "preference": preference = try r.read(NodeSelectorTerm.self) ?? NodeSelectorTerm()
            default: try r.skipValue()
            }
        }
    }
}

extension NodeAffinity: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "requiredDuringSchedulingIgnoredDuringExecution":
                requiredDuringSchedulingIgnoredDuringExecution = try r.read(NodeSelector.self)
            case "preferredDuringSchedulingIgnoredDuringExecution":
                preferredDuringSchedulingIgnoredDuringExecution = try r.readArray(of: PreferredSchedulingTerm.self)
            default: try r.skipValue()
            }
        }
    }
}

extension PodAffinityTerm: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        topologyKey = ""
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "labelSelector": labelSelector = try r.read(LabelSelector.self)
            case "topologyKey": topologyKey = try r.readString()
            case "namespaces": namespaces = try r.readStringArray()
            case "namespaceSelector": namespaceSelector = try r.read(LabelSelector.self)
            case "matchLabelKeys": matchLabelKeys = try r.readStringArray()
            case "mismatchLabelKeys": mismatchLabelKeys = try r.readStringArray()
            default: try r.skipValue()
            }
        }
    }
}

extension WeightedPodAffinityTerm: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        weight = 0; podAffinityTerm = PodAffinityTerm(topologyKey: "")
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "weight": weight = try r.readInt()
            case "podAffinityTerm": podAffinityTerm = try r.read(PodAffinityTerm.self) ?? PodAffinityTerm(topologyKey: "")
            default: try r.skipValue()
            }
        }
    }
}

extension PodAffinity: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "requiredDuringSchedulingIgnoredDuringExecution":
                requiredDuringSchedulingIgnoredDuringExecution = try r.readArray(of: PodAffinityTerm.self)
            case "preferredDuringSchedulingIgnoredDuringExecution":
                preferredDuringSchedulingIgnoredDuringExecution = try r.readArray(of: WeightedPodAffinityTerm.self)
            default: try r.skipValue()
            }
        }
    }
}

extension Affinity: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "nodeAffinity": nodeAffinity = try r.read(NodeAffinity.self)
            case "podAffinity": podAffinity = try r.read(PodAffinity.self)
            case "podAntiAffinity": podAntiAffinity = try r.read(PodAffinity.self)
            default: try r.skipValue()
            }
        }
    }
}
