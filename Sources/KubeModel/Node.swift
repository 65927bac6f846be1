public struct Taint: Sendable, Hashable, Encodable {
    public var key: String
    public var value: String?
    public var effect: String
    public init(key: String, value: String? = nil, effect: String) {
        self.key = key; self.value = value; self.effect = effect
    }
}

public struct NodeSpec: Sendable, Hashable, Encodable {
    public var unschedulable: Bool?
    public var taints: [Taint]?
    public init() {}
}

public struct NodeCondition: Sendable, Hashable, Encodable {
    public var type: String
    public var status: String
}

/// An image the node already holds, for ImageLocality scoring.
public struct ContainerImage: Sendable, Hashable, Encodable {
    public var names: [String]
    public var sizeBytes: Int
}

public struct NodeStatus: Sendable, Hashable, Encodable {
    public var allocatable: [String: Quantity]?
    public var capacity: [String: Quantity]?
    public var conditions: [NodeCondition]?
    public var images: [ContainerImage]?
    public init() {}
}

public struct Node: Sendable, Hashable, Encodable {
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

public struct NamespaceStatus: Sendable, Hashable, Encodable {
    public var phase: String?
}

public struct Namespace: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var status: NamespaceStatus?

    /// NamespaceLifecycle admission refuses new objects in a namespace being deleted.
    public var isTerminating: Bool { status?.phase == "Terminating" || metadata.isTerminating }
}

extension Taint: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(key: "", effect: "")
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "key": key = try r.readString()
            case "value": value = try r.readStringOrNil()
            case "effect": effect = try r.readString()
            default: try r.skipValue()
            }
        }
    }
}

extension NodeSpec: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init()
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "unschedulable": unschedulable = try r.readBoolOrNil()
            case "taints": taints = try r.readArray(of: Taint.self)
            default: try r.skipValue()
            }
        }
    }
}

extension NodeStatus: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init()
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "allocatable": allocatable = try r.readQuantityMap()
            case "capacity": capacity = try r.readQuantityMap()
            case "conditions":
                conditions = try r.readArray { (r: inout JSONReader) throws(DecodeError) -> NodeCondition in
                    var c = NodeCondition(type: "", status: "")
                    try r.beginObject()
                    while let f = try r.nextKey() {
                        switch f {
                        case "type": c.type = try r.readString()
                        case "status": c.status = try r.readString()
                        default: try r.skipValue()
                        }
                    }
                    return c
                }
            case "images":
                images = try r.readArray { (r: inout JSONReader) throws(DecodeError) -> ContainerImage in
                    var image = ContainerImage(names: [], sizeBytes: 0)
                    try r.beginObject()
                    while let f = try r.nextKey() {
                        switch f {
                        case "names": image.names = try r.readStringArray()?.map(r.interner.string) ?? []
                        case "sizeBytes": image.sizeBytes = try r.readIntOrNil() ?? 0
                        default: try r.skipValue()
                        }
                    }
                    return image
                }
            default: try r.skipValue()
            }
        }
    }
}

extension Node: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(metadata: ObjectMeta())
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "metadata": metadata = try r.read(ObjectMeta.self) ?? ObjectMeta()
            case "spec": spec = try r.read(NodeSpec.self)
            case "status": status = try r.read(NodeStatus.self)
            default: try r.skipValue()
            }
        }
    }
}

extension Namespace: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(metadata: ObjectMeta())
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "metadata": metadata = try r.read(ObjectMeta.self) ?? ObjectMeta()
            case "status":
                if r.readNull() { continue }
                var s = NamespaceStatus()
                try r.beginObject()
                while let f = try r.nextKey() {
                    if case "phase" = f { s.phase = try r.readStringOrNil() } else { try r.skipValue() }
                }
                status = s
            default: try r.skipValue()
            }
        }
    }
}
