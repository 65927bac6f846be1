public struct ContainerStateRunning: Sendable, Hashable, Encodable { public var startedAt: Time? }
public struct ContainerStateWaiting: Sendable, Hashable, Encodable { public var reason: String? }
public struct ContainerStateTerminated: Sendable, Hashable, Encodable {
    public var exitCode: Int?
    public var reason: String?
}

public struct ContainerState: Sendable, Hashable, Encodable {
    public var running: ContainerStateRunning?
    public var waiting: ContainerStateWaiting?
    public var terminated: ContainerStateTerminated?
}

public struct ContainerStatus: Sendable, Hashable, Encodable {
    public var name: String
    public var ready: Bool?
    public var started: Bool?
    public var restartCount: Int?
    public var state: ContainerState?
    public var lastState: ContainerState?
}

public struct PodCondition: Sendable, Hashable, Encodable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastTransitionTime: Time?
}

/// `PodStatus`, reduced to what decides a pod's health and what the kubelet model takes as
/// evidence. Only the conditions read are kept (Ready, DisruptionTarget, PodScheduled when
/// False).
public struct PodStatus: Sendable, Hashable {
    public var phase: String?
    /// The Ready condition, held apart: every pod has one, and a list of one would be an
    /// allocation per pod.
    private var ready: ReadyCondition?
    public var containerStatuses: [ContainerStatus]?
    /// Fields most pods leave empty, boxed so that they cost a pointer.
    private var rare: Rare?
    public init() {}

    private final class Rare: Sendable, Hashable {
        let reason: String?
        let otherConditions: [PodCondition]?
        let initContainerStatuses: [ContainerStatus]?
        let nominatedNodeName: String?
        init(_ reason: String?, _ other: [PodCondition]?, _ initStatuses: [ContainerStatus]?, _ nominated: String?) {
            self.reason = reason; otherConditions = other; initContainerStatuses = initStatuses; nominatedNodeName = nominated
        }
        static func == (a: Rare, b: Rare) -> Bool {
            a.reason == b.reason && a.otherConditions == b.otherConditions && a.initContainerStatuses == b.initContainerStatuses
                && a.nominatedNodeName == b.nominatedNodeName
        }
        func hash(into h: inout Hasher) { h.combine(reason); h.combine(otherConditions); h.combine(nominatedNodeName) }
    }

    private mutating func setRare(_ reason: String?, _ other: [PodCondition]?, _ initStatuses: [ContainerStatus]?, _ nominated: String?) {
        rare = reason == nil && other == nil && initStatuses == nil && nominated == nil ? nil : Rare(reason, other, initStatuses, nominated)
    }

    public var reason: String? {
        get { rare?.reason }
        set { setRare(newValue, otherConditions, initContainerStatuses, nominatedNodeName) }
    }
    private var otherConditions: [PodCondition]? {
        get { rare?.otherConditions }
        set { setRare(reason, newValue, initContainerStatuses, nominatedNodeName) }
    }
    public var initContainerStatuses: [ContainerStatus]? {
        get { rare?.initContainerStatuses }
        set { setRare(reason, otherConditions, newValue, nominatedNodeName) }
    }
    public var nominatedNodeName: String? {
        get { rare?.nominatedNodeName }
        set { setRare(reason, otherConditions, initContainerStatuses, newValue) }
    }

    private struct ReadyCondition: Sendable, Hashable {
        var isTrue: Bool
        var lastTransitionTime: Time?
        var status: String { isTrue ? "True" : "False" }
    }

    public var conditions: [PodCondition]? {
        get {
            let r = ready.map { [PodCondition(type: "Ready", status: $0.status, lastTransitionTime: $0.lastTransitionTime)] } ?? []
            let all = r + (otherConditions ?? [])
            return ready == nil && otherConditions == nil ? nil : all
        }
        set {
            ready = nil
            otherConditions = nil
            for c in newValue ?? [] {
                if c.type == "Ready" && c.reason == nil && c.message == nil && (c.status == "True" || c.status == "False") {
                    ready = ReadyCondition(isTrue: c.status == "True", lastTransitionTime: c.lastTransitionTime)
                } else {
                    otherConditions = (otherConditions ?? []) + [c]
                }
            }
        }
    }

    public func condition(_ type: String) -> PodCondition? {
        if type == "Ready", let ready { return PodCondition(type: "Ready", status: ready.status, lastTransitionTime: ready.lastTransitionTime) }
        return otherConditions?.first { $0.type == type }
    }
    /// Ready always; PodScheduled only when it says why a pod is not scheduled.
    static func keeps(_ c: PodCondition) -> Bool {
        c.type == "Ready" || c.type == "DisruptionTarget" || (c.type == "PodScheduled" && c.status != "True")
    }
}

public struct Pod: Sendable, Hashable {
    /// Always `v1`/`Pod`: not stored, the bulk of a cluster is pods.
    public var apiVersion: String? { "v1" }
    public var kind: String? { "Pod" }
    public var metadata: ObjectMeta
    public var spec: PodSpec
    public var status: PodStatus?

    public init(metadata: ObjectMeta, spec: PodSpec, status: PodStatus? = nil) {
        self.metadata = metadata; self.spec = spec; self.status = status
    }

    /// A mirror pod stands for a static pod manifest on its node (kubelet `config.mirror`).
    public var isMirror: Bool { metadata.annotationsOrEmpty["kubernetes.io/config.mirror"] != nil }
    public var phase: String { status?.phase ?? "Pending" }
    public var isReady: Bool { status?.condition("Ready")?.status == "True" }
    public var isTerminal: Bool { phase == "Succeeded" || phase == "Failed" }
}

extension ContainerState: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "running", "waiting", "terminated":
                let which = k.string
                if r.readNull() { continue }
                var startedAt: Time?, reason: String?, exitCode: Int?
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "startedAt" where which == "running": startedAt = try r.read(Time.self)
                    case "reason": reason = try r.readStringOrNil()
                    case "exitCode": exitCode = try r.readIntOrNil()
                    default: try r.skipValue()
                    }
                }
                switch which {
                case "running": running = ContainerStateRunning(startedAt: startedAt)
                case "waiting": waiting = ContainerStateWaiting(reason: reason)
                default: terminated = ContainerStateTerminated(exitCode: exitCode, reason: reason)
                }
            default: try r.skipValue()
            }
        }
    }
}

extension ContainerStatus: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        name = ""
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "name": name = try r.readString()
            case "ready": ready = try r.readBoolOrNil()
            case "started": started = try r.readBoolOrNil()
            case "restartCount": restartCount = try r.readIntOrNil()
            case "state": state = try r.read(ContainerState.self)
            case "lastState": lastState = try r.read(ContainerState.self)
            default: try r.skipValue()
            }
        }
    }
}

extension PodCondition: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        type = ""; status = ""
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "type": type = try r.readString()
            case "status": status = try r.readString()
            case "reason": reason = try r.readStringOrNil()
            case "message": message = try r.readStringOrNil()
            case "lastTransitionTime": lastTransitionTime = try r.read(Time.self)
            default: try r.skipValue()
            }
        }
    }
}

extension PodStatus: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init()
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "phase": phase = try r.readStringOrNil()
            case "reason": reason = try r.readStringOrNil()
            case "conditions":
                conditions = try r.readArray(of: PodCondition.self)?.filter(Self.keeps)
            case "containerStatuses": containerStatuses = try r.readArray(of: ContainerStatus.self)
            case "initContainerStatuses": initContainerStatuses = try r.readArray(of: ContainerStatus.self)
            case "nominatedNodeName": nominatedNodeName = try r.readStringOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension Pod: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var meta = ObjectMeta()
        var spec: PodSpec?
        var status: PodStatus?
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "metadata": meta = try r.read(ObjectMeta.self) ?? ObjectMeta()
            case "spec": spec = try r.read(PodSpec.self)
            case "status": status = try r.read(PodStatus.self)
            default: try r.skipValue()
            }
        }
        guard let spec else { throw r.missing("spec") }
        self.init(metadata: meta, spec: spec, status: status)
    }
}

extension Pod: Encodable {
    private enum Keys: String, CodingKey { case apiVersion, kind, metadata, spec, status }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode("v1", forKey: .apiVersion)
        try c.encode("Pod", forKey: .kind)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(spec, forKey: .spec)
        try c.encodeIfPresent(status, forKey: .status)
    }
}

extension PodStatus: Encodable {
    private enum Keys: String, CodingKey { case phase, reason, conditions, containerStatuses, initContainerStatuses, nominatedNodeName }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encodeIfPresent(phase, forKey: .phase)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(conditions, forKey: .conditions)
        try c.encodeIfPresent(containerStatuses, forKey: .containerStatuses)
        try c.encodeIfPresent(initContainerStatuses, forKey: .initContainerStatuses)
        try c.encodeIfPresent(nominatedNodeName, forKey: .nominatedNodeName)
    }
}
