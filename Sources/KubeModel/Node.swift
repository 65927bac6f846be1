public struct Taint: Sendable, Hashable, Codable {
    public var key: String
    public var value: String?
    public var effect: String
    public init(key: String, value: String? = nil, effect: String) {
        self.key = key; self.value = value; self.effect = effect
    }
}

public struct NodeSpec: Sendable, Hashable, Codable {
    public var unschedulable: Bool?
    public var taints: [Taint]?
    public init() {}
}

public struct NodeCondition: Sendable, Hashable, Codable {
    public var type: String
    public var status: String
}

public struct NodeStatus: Sendable, Hashable, Codable {
    public var allocatable: [String: Quantity]?
    public var capacity: [String: Quantity]?
    public var conditions: [NodeCondition]?
    public init() {}
}

public struct Node: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NodeSpec?
    public var status: NodeStatus?

    public init(metadata: ObjectMeta, spec: NodeSpec? = nil, status: NodeStatus? = nil) {
        self.apiVersion = "v1"; self.kind = "Node"
        self.metadata = metadata; self.spec = spec; self.status = status
    }

    public var name: String { metadata.nameOrEmpty }
    /// Allocatable, falling back to capacity as the scheduler's NodeInfo does.
    public var allocatable: [String: Quantity] { status?.allocatable ?? status?.capacity ?? [:] }
    public var taints: [Taint] { spec?.taints ?? [] }
    public var isCordoned: Bool { spec?.unschedulable ?? false }
    /// Ready unless the status says otherwise (a bare node with no conditions counts as Ready).
    public var isReady: Bool {
        guard let ready = status?.conditions?.first(where: { $0.type == "Ready" }) else { return true }
        return ready.status == "True"
    }
}

public struct Namespace: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
}
