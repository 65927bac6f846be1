public struct Toleration: Sendable, Hashable, Encodable {
    public var key: String?
    public var `operator`: String?
    public var value: String?
    public var effect: String?
    public var tolerationSeconds: Int?

    public init(key: String? = nil, operator op: String? = nil, value: String? = nil, effect: String? = nil, tolerationSeconds: Int? = nil) {
        self.key = key; self.operator = op; self.value = value; self.effect = effect; self.tolerationSeconds = tolerationSeconds
    }

    /// `v1.Toleration.ToleratesTaint` (`k8s.io/api/core/v1/toleration.go`): an empty key with
    /// `Exists` tolerates every taint; an empty effect matches every effect.
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

public struct TopologySpreadConstraint: Sendable, Hashable, Encodable {
    public var maxSkew: Int
    public var topologyKey: String
    public var whenUnsatisfiable: String
    public var labelSelector: LabelSelector?
    public var minDomains: Int?
    /// `Honor` (default) or `Ignore`: whether nodes the pod's node affinity excludes count.
    public var nodeAffinityPolicy: String?
    /// `Ignore` (default) or `Honor`: whether nodes with taints the pod does not tolerate count.
    public var nodeTaintsPolicy: String?
    public var matchLabelKeys: [String]?

    public init(maxSkew: Int, topologyKey: String, whenUnsatisfiable: String, labelSelector: LabelSelector? = nil) {
        self.maxSkew = maxSkew; self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable; self.labelSelector = labelSelector
    }
}

extension Toleration: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init()
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "key": key = try r.readStringOrNil()
            case "operator": `operator` = try r.readStringOrNil()
            case "value": value = try r.readStringOrNil()
            case "effect": effect = try r.readStringOrNil()
            case "tolerationSeconds": tolerationSeconds = try r.readIntOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension TopologySpreadConstraint: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(maxSkew: 0, topologyKey: "", whenUnsatisfiable: "")
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "maxSkew": maxSkew = try r.readInt()
            case "topologyKey": topologyKey = try r.readString()
            case "whenUnsatisfiable": whenUnsatisfiable = try r.readString()
            case "labelSelector": labelSelector = try r.read(LabelSelector.self)
            case "minDomains": minDomains = try r.readIntOrNil()
            case "nodeAffinityPolicy": nodeAffinityPolicy = try r.readStringOrNil()
            case "nodeTaintsPolicy": nodeTaintsPolicy = try r.readStringOrNil()
            case "matchLabelKeys": matchLabelKeys = try r.readStringArray()
            default: try r.skipValue()
            }
        }
    }
}
