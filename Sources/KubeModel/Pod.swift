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

/// A container's status. Every pod holds one per container, so the common case (running
/// since a time, nothing before) is held in 40 bytes; other states go in a box.
public struct ContainerStatus: Sendable, Hashable {
    public var name: String
    private var restarts: Int32 = Int32.min
    private var readyRaw: Int8 = -1
    private var startedRaw: Int8 = -1
    private var stateKind: Kind = .none
    private var lastStateKind: Kind = .none
    /// `state.running.startedAt` when the state is held inline (`Int64.min`: none).
    private var startedAt: Int64 = Int64.min
    private var boxed: Boxed?

    private enum Kind: UInt8, Sendable, Hashable {
        case none, runningInline, empty, boxed
    }

    private final class Boxed: Sendable, Hashable {
        let state: ContainerState?, lastState: ContainerState?
        init(_ state: ContainerState?, _ lastState: ContainerState?) { self.state = state; self.lastState = lastState }
        static func == (a: Boxed, b: Boxed) -> Bool { a.state == b.state && a.lastState == b.lastState }
        func hash(into h: inout Hasher) { h.combine(state); h.combine(lastState) }
    }

    public init(name: String) { self.name = name }

    public var ready: Bool? {
        get { readyRaw < 0 ? nil : readyRaw == 1 }
        set { readyRaw = newValue.map { $0 ? 1 : 0 } ?? -1 }
    }
    public var started: Bool? {
        get { startedRaw < 0 ? nil : startedRaw == 1 }
        set { startedRaw = newValue.map { $0 ? 1 : 0 } ?? -1 }
    }
    public var restartCount: Int? {
        get { restarts == Int32.min ? nil : Int(restarts) }
        set { restarts = newValue.map { max(Int32(clamping: $0), Int32.min + 1) } ?? Int32.min }
    }
    public var state: ContainerState? {
        get { value(stateKind, boxed: boxed?.state) }
        set { store(newValue, lastState) }
    }
    public var lastState: ContainerState? {
        get { value(lastStateKind, boxed: boxed?.lastState) }
        set { store(state, newValue) }
    }

    private func value(_ kind: Kind, boxed: ContainerState?) -> ContainerState? {
        switch kind {
        case .none: return nil
        case .boxed: return boxed
        case .empty: return ContainerState()
        case .runningInline: return ContainerState(running: ContainerStateRunning(startedAt: startedAt == Int64.min ? nil : Time(seconds: startedAt)))
        }
    }

    private mutating func store(_ state: ContainerState?, _ lastState: ContainerState?) {
        func kind(_ s: ContainerState?, inlineRunning: Bool) -> Kind {
            guard let s else { return .none }
            if s == ContainerState() { return .empty }
            if inlineRunning, let r = s.running, s.waiting == nil, s.terminated == nil, r.startedAt?.seconds != Int64.min { return .runningInline }
            return .boxed
        }
        stateKind = kind(state, inlineRunning: true)
        lastStateKind = kind(lastState, inlineRunning: false)
        startedAt = stateKind == .runningInline ? (state?.running?.startedAt?.seconds ?? Int64.min) : Int64.min
        boxed = stateKind == .boxed || lastStateKind == .boxed
            ? Boxed(stateKind == .boxed ? state : nil, lastStateKind == .boxed ? lastState : nil) : nil
    }
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
    /// Every pod has a status and the store holds one per pod twice (the object and the
    /// kubelet model's evidence), so the usual fields are codes and the rest is boxed:
    /// 32 bytes in all.
    public var containerStatuses: [ContainerStatus]?
    /// Fields most pods leave empty, boxed so that they cost a pointer.
    private var rare: Rare?
    /// The Ready condition's time (`Int64.min`: none), held apart with `readyCode`: every pod
    /// has one, and a list of one would be an allocation per pod.
    private var readySince = Int64.min
    private var phaseCode: UInt8 = 0
    /// 0: no Ready condition, 1: False, 2: True.
    private var readyCode: UInt8 = 0
    public init() {}

    private static let phases = ["Pending", "Running", "Succeeded", "Failed", "Unknown"]

    public var phase: String? {
        get { phaseCode == 0 ? nil : phaseCode == UInt8.max ? rare?.phase : Self.phases[Int(phaseCode) - 1] }
        set {
            let known = newValue.flatMap { Self.phases.firstIndex(of: $0) }
            let other = known == nil ? newValue : nil
            phaseCode = known.map { UInt8($0 + 1) } ?? (newValue == nil ? 0 : UInt8.max)
            setRare(other, reason, otherConditions, initContainerStatuses, nominatedNodeName)
        }
    }

    private final class Rare: Sendable, Hashable {
        /// A phase outside the five the API defines.
        let phase: String?
        let reason: String?
        let otherConditions: [PodCondition]?
        let initContainerStatuses: [ContainerStatus]?
        let nominatedNodeName: String?
        init(_ phase: String?, _ reason: String?, _ other: [PodCondition]?, _ initStatuses: [ContainerStatus]?, _ nominated: String?) {
            self.phase = phase; self.reason = reason; otherConditions = other; initContainerStatuses = initStatuses; nominatedNodeName = nominated
        }
        static func == (a: Rare, b: Rare) -> Bool {
            a.phase == b.phase && a.reason == b.reason && a.otherConditions == b.otherConditions
                && a.initContainerStatuses == b.initContainerStatuses && a.nominatedNodeName == b.nominatedNodeName
        }
        func hash(into h: inout Hasher) { h.combine(phase); h.combine(reason); h.combine(otherConditions); h.combine(nominatedNodeName) }
    }

    private mutating func setRare(_ phase: String?, _ reason: String?, _ other: [PodCondition]?, _ initStatuses: [ContainerStatus]?,
                                  _ nominated: String?) {
        rare = phase == nil && reason == nil && other == nil && initStatuses == nil && nominated == nil
            ? nil : Rare(phase, reason, other, initStatuses, nominated)
    }

    private var otherPhase: String? { rare?.phase }

    public var reason: String? {
        get { rare?.reason }
        set { setRare(otherPhase, newValue, otherConditions, initContainerStatuses, nominatedNodeName) }
    }
    private var otherConditions: [PodCondition]? {
        get { rare?.otherConditions }
        set { setRare(otherPhase, reason, newValue, initContainerStatuses, nominatedNodeName) }
    }
    public var initContainerStatuses: [ContainerStatus]? {
        get { rare?.initContainerStatuses }
        set { setRare(otherPhase, reason, otherConditions, newValue, nominatedNodeName) }
    }
    public var nominatedNodeName: String? {
        get { rare?.nominatedNodeName }
        set { setRare(otherPhase, reason, otherConditions, initContainerStatuses, newValue) }
    }

    private struct ReadyCondition {
        var isTrue: Bool
        var lastTransitionTime: Time?
        var status: String { isTrue ? "True" : "False" }
    }

    private var ready: ReadyCondition? {
        get {
            guard readyCode != 0 else { return nil }
            return ReadyCondition(isTrue: readyCode == 2, lastTransitionTime: readySince == Int64.min ? nil : Time(seconds: readySince))
        }
        set {
            readyCode = newValue.map { $0.isTrue ? 2 : 1 } ?? 0
            readySince = newValue?.lastTransitionTime?.seconds ?? Int64.min
        }
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
                if c.type == "Ready" && c.reason == nil && c.message == nil && (c.status == "True" || c.status == "False")
                    && c.lastTransitionTime?.seconds != Int64.min {
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
        self.init(name: "")
        var state: ContainerState?, lastState: ContainerState?
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
        store(state, lastState)
    }
}

extension ContainerStatus: Encodable {
    private enum Keys: String, CodingKey { case name, ready, started, restartCount, state, lastState }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(ready, forKey: .ready)
        try c.encodeIfPresent(started, forKey: .started)
        try c.encodeIfPresent(restartCount, forKey: .restartCount)
        try c.encodeIfPresent(state, forKey: .state)
        try c.encodeIfPresent(lastState, forKey: .lastState)
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
