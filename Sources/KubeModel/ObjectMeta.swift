import Foundation

public struct OwnerReference: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String
    public var name: String
    public var uid: String?
    public var controller: Bool?
    public init(kind: String, name: String, controller: Bool = true) {
        self.kind = kind; self.name = name; self.controller = controller
    }
}

public struct ObjectMeta: Sendable, Hashable, Codable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var creationTimestamp: String?
    public var deletionTimestamp: String?
    public var generation: Int?

    public init(name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil) {
        self.name = name; self.namespace = namespace; self.labels = labels
    }

    public var nameOrEmpty: String { name ?? generateName ?? "" }
    public var labelsOrEmpty: [String: String] { labels ?? [:] }
    public var annotationsOrEmpty: [String: String] { annotations ?? [:] }
    public var controllerRef: OwnerReference? { ownerReferences?.first { $0.controller == true } }
    public var isTerminating: Bool { deletionTimestamp != nil }
}

/// RFC 3339 timestamps as the API server writes them (`2024-05-06T07:43:04Z`).
public enum Timestamp {
    public static func parse(_ s: String?) -> Date? {
        guard let s else { return nil }
        return try? Date(s, strategy: .iso8601)
    }
}
