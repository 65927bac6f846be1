import KubeModel

/// A node with what is already charged against it.
public struct SimNode: Sendable {
    public var name: String
    public var labels: [String: String] { didSet { topology = Topology(labels) } }
    /// The hostname and zone labels, looked up once: scoring with the default spread
    /// constraints reads them on every feasible node for every pod the scheduler places.
    private(set) var topology: Topology
    public var taints: [Taint]
    public var allocatable: Resources
    public var requested: Resources = Resources()
    /// What scoring counts as requested: pods without requests at the scheduler's defaults.
    public var nonZeroRequested: Resources = Resources()
    /// Images the node holds, by name, with their size in bytes (ImageLocality).
    public var images: [String: Int]
    public var usedHostPorts: [HostPort] = []
    public var ready: Bool
    public var unschedulable: Bool

    public init(_ node: Node) {
        name = node.name
        labels = node.metadata.labelsOrEmpty
        topology = Topology(labels)
        taints = node.taints
        var alloc = Resources(node.allocatable)
        // A node that reports no pod capacity still runs pods; 110 is the kubelet default.
        if node.allocatable["pods"] == nil { alloc.pods = 110 }
        allocatable = alloc
        ready = node.isReady
        unschedulable = node.isCordoned
        var images: [String: Int] = [:]
        for image in node.status?.images ?? [] {
            for name in image.names { images[ImageLocality.normalized(name)] = image.sizeBytes }
        }
        self.images = images
    }

    /// The taints as the scheduler sees them: a node that stopped reporting carries the node
    /// lifecycle controller's unreachable taints (the planner fails nodes without writing them).
    public var effectiveTaints: [Taint] {
        ready ? taints : taints + [Taint(key: "node.kubernetes.io/unreachable", effect: "NoSchedule"),
                                   Taint(key: "node.kubernetes.io/unreachable", effect: "NoExecute")]
    }

    public var free: Resources { allocatable - requested }
}

extension SimNode {
    struct Topology: Sendable {
        static let hostnameKey = "kubernetes.io/hostname", zoneKey = "topology.kubernetes.io/zone"
        var hostname: String?
        var zone: String?

        init(_ labels: [String: String]) {
            hostname = labels[Self.hostnameKey]
            zone = labels[Self.zoneKey]
        }
    }

    /// The value of label `key`, read from `topology` when it is one of the two cached keys.
    func label(_ key: TopologyKey) -> String? {
        switch key {
        case .hostname: topology.hostname
        case .zone: topology.zone
        case .other(let k): labels[k]
        }
    }
}

/// A topology key with the two common ones told apart once, not per node.
enum TopologyKey: Sendable {
    case hostname, zone, other(String)

    init(_ key: String) {
        switch key {
        case SimNode.Topology.hostnameKey: self = .hostname
        case SimNode.Topology.zoneKey: self = .zone
        default: self = .other(key)
        }
    }
}
