public struct LabelSelectorRequirement: Sendable, Hashable, Encodable {
    public var key: String
    public var `operator`: String
    public var values: [String]?
    public init(key: String, operator op: String, values: [String]? = nil) {
        self.key = key; self.operator = op; self.values = values
    }
}

/// `metav1.LabelSelector`. An empty selector matches everything; a nil one (where the API
/// allows it) matches nothing, which callers decide.
public struct LabelSelector: Sendable, Hashable, Encodable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels; self.matchExpressions = matchExpressions
    }

    public func matches(_ labels: [String: String]) -> Bool {
        for (k, v) in matchLabels ?? [:] where labels[k] != v { return false }
        for r in matchExpressions ?? [] {
            if !Self.requirementMatches(key: r.key, op: r.operator, values: r.values ?? [], labels: labels) { return false }
        }
        return true
    }

    public var isEmpty: Bool { (matchLabels ?? [:]).isEmpty && (matchExpressions ?? []).isEmpty }

    /// Shared by label selectors and node-selector terms (`In`, `NotIn`, `Exists`,
    /// `DoesNotExist`, and for nodes `Gt`/`Lt`, which compare integers:
    /// `k8s.io/apimachinery/pkg/labels/selector.go`, `Requirement.Matches`).
    public static func requirementMatches(key: String, op: String, values: [String], labels: [String: String]) -> Bool {
        let v = labels[key]
        switch op {
        case "In": return v.map { values.contains($0) } ?? false
        case "NotIn": return v.map { !values.contains($0) } ?? true
        case "Exists": return v != nil
        case "DoesNotExist": return v == nil
        case "Gt", "Lt":
            guard let v, let a = Int64(v), values.count == 1, let b = Int64(values[0]) else { return false }
            return op == "Gt" ? a > b : a < b
        default: return false
        }
    }
}

extension LabelSelectorRequirement: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(key: "", operator: "")
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

extension LabelSelector: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init()
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "matchLabels": matchLabels = try r.readStringMap()
            case "matchExpressions": matchExpressions = try r.readArray(of: LabelSelectorRequirement.self)
            default: try r.skipValue()
            }
        }
    }
}
