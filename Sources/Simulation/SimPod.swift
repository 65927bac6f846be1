import KubeModel

/// What the kubelet makes of a pod's containers, as far as evidence allows. The reason is
/// kept beside the pod (`SimState.healthReason`) so that a pod stays a plain value.
public enum PodHealth: UInt8, Sendable, Hashable {
    /// Running and passing readiness.
    case ready
    /// Running but never Ready (a readiness or startup probe that cannot pass).
    case neverReady
    /// Restarted again and again (liveness, OOM, crash).
    case crashLoop
    /// Not started yet (pending) or finished.
    case notRunning
}

/// The immutable part of a pod, shared by every pod made from the same template.
public final class PodShape: Sendable {
    public let namespace: String
    public let labels: [String: String]
    public let spec: PodSpec
    public let request: Resources
    public let priority: Int
    public let preemptLowerPriority: Bool
    public let hostPorts: [HostPort]
    /// What decides whether a pod belongs to a template's revision.
    public let fingerprint: PodFingerprint
    /// What the scheduler's plugins read.
    public let scheduling: SchedulingInfo

    public init(namespace: String, labels: [String: String], spec: PodSpec, priority: Int, preemptLowerPriority: Bool) {
        self.namespace = namespace
        self.labels = labels
        self.spec = spec
        self.request = PodRequests.of(spec)
        self.fingerprint = PodFingerprint(spec)
        self.priority = priority
        self.preemptLowerPriority = preemptLowerPriority
        self.scheduling = SchedulingInfo(spec, namespace: namespace, labels: labels)
        var ports: [HostPort] = []
        for c in spec.containers + spec.initContainersOrEmpty {
            for p in c.portsOrEmpty {
                if let hp = p.hostPort, hp > 0 {
                    ports.append(HostPort(ip: p.hostIP ?? "0.0.0.0", protocol: p.protocol ?? "TCP", port: hp))
                }
            }
        }
        self.hostPorts = ports
    }
}

public struct HostPort: Sendable, Hashable {
    public var ip: String
    public var `protocol`: String
    public var port: Int

    /// `0.0.0.0` conflicts with every IP on the same protocol and port (NodePorts filter).
    public func conflicts(with o: HostPort) -> Bool {
        guard port == o.port && `protocol` == o.protocol else { return false }
        return ip == o.ip || ip == "0.0.0.0" || o.ip == "0.0.0.0"
    }
}

/// A pod in the simulation: a plain value with no reference counting, so that copying a
/// state of 150,000 pods (which the planner does for every state it explores) is a memory
/// copy. The shape it points to is kept alive by the state's `shapes`, which every state
/// that holds the pod also holds: a shape an analysis adds lives and dies with its copy.
public struct SimPod: Sendable {
    public unowned(unsafe) let shape: PodShape
    // Indices are stored as 32-bit numbers (-1 for none): a state holds one of these per
    // pod, and the planner copies the whole array for every state it explores.
    private var ownerRaw: Int32
    private var nodeRaw: Int32
    private var pinnedRaw: Int32 = -1
    private var ordinalRaw: Int32 = -1
    private var sequenceRaw: Int32
    private var revisionRaw: Int8
    public var health: PodHealth
    /// Made by the simulation rather than read from the snapshot.
    public var simulated: Bool
    /// Finished pods (Succeeded/Failed) and deleted ones take no resources and serve nothing.
    public var terminal: Bool

    public init(shape: PodShape, owner: Int?, revision: Int, node: Int?, health: PodHealth, simulated: Bool, terminal: Bool,
                sequence: Int, pinned: Int? = nil, ordinal: Int? = nil) {
        self.shape = shape
        ownerRaw = Self.raw(owner); nodeRaw = Self.raw(node); pinnedRaw = Self.raw(pinned); ordinalRaw = Self.raw(ordinal)
        sequenceRaw = Int32(clamping: sequence); revisionRaw = Int8(clamping: revision)
        self.health = health; self.simulated = simulated; self.terminal = terminal
    }

    private static func raw(_ v: Int?) -> Int32 { v.map { Int32(clamping: $0) } ?? -1 }
    private static func value(_ r: Int32) -> Int? { r < 0 ? nil : Int(r) }

    /// Index into `SimState.workloads` of the controller that owns it (through a ReplicaSet
    /// for Deployments), if any.
    public var owner: Int? { get { Self.value(ownerRaw) } set { ownerRaw = Self.raw(newValue) } }
    /// Which template revision of its owner it was made from (1: current).
    public var revision: Int { get { Int(revisionRaw) } set { revisionRaw = Int8(clamping: newValue) } }
    /// Index into `SimState.nodes`, or nil while pending.
    public var node: Int? { get { Self.value(nodeRaw) } set { nodeRaw = Self.raw(newValue) } }
    /// Order of creation, for the scheduling queue.
    public var sequence: Int { get { Int(sequenceRaw) } set { sequenceRaw = Int32(clamping: newValue) } }
    /// The node a DaemonSet pod is bound to by its node affinity.
    public var pinned: Int? { get { Self.value(pinnedRaw) } set { pinnedRaw = Self.raw(newValue) } }
    /// A StatefulSet pod's ordinal.
    public var ordinal: Int? { get { Self.value(ordinalRaw) } set { ordinalRaw = Self.raw(newValue) } }

    public var namespace: String { shape.namespace }
    public var isScheduled: Bool { node != nil }
    public var isReady: Bool { node != nil && !terminal && health == .ready }
}
