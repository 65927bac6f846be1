public struct LabelSelectorRequirement: Sendable, Hashable, Codable {
    public var key: String
    public var `operator`: String
    public var values: [String]?
}

/// `metav1.LabelSelector`. An empty selector matches everything; a nil one (where the API
/// allows it) matches nothing, which callers decide.
public struct LabelSelector: Sendable, Hashable, Codable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil) { self.matchLabels = matchLabels }

    public func matches(_ labels: [String: String]) -> Bool {
        for (k, v) in matchLabels ?? [:] where labels[k] != v { return false }
        for r in matchExpressions ?? [] {
            if !Self.requirementMatches(key: r.key, op: r.operator, values: r.values ?? [], labels: labels) { return false }
        }
        return true
    }

    public var isEmpty: Bool { (matchLabels ?? [:]).isEmpty && (matchExpressions ?? []).isEmpty }

    /// Shared by label selectors and node-selector terms (`In`, `NotIn`, `Exists`,
    /// `DoesNotExist`, and for nodes `Gt`/`Lt`).
    public static func requirementMatches(key: String, op: String, values: [String], labels: [String: String]) -> Bool {
        let v = labels[key]
        switch op {
        case "In": return v.map { values.contains($0) } ?? false
        case "NotIn": return v.map { !values.contains($0) } ?? true
        case "Exists": return v != nil
        case "DoesNotExist": return v == nil
        case "Gt": if let v, let a = Int(v), let b = values.first.flatMap({ Int($0) }) { return a > b } else { return false }
        case "Lt": if let v, let a = Int(v), let b = values.first.flatMap({ Int($0) }) { return a < b } else { return false }
        default: return false
        }
    }
}
