import KubeModel

/// A node with what is already charged against it.
public struct SimNode: Sendable {
    public var name: String
    public var labels: [String: String]
    public var taints: [Taint]
    public var allocatable: Resources
    public var requested: Resources = Resources()
    public var usedHostPorts: [HostPort] = []
    public var ready: Bool
    public var unschedulable: Bool

    public init(_ node: Node) {
        name = node.name
        labels = node.metadata.labelsOrEmpty
        taints = node.taints
        var alloc = Resources(node.allocatable)
        // A node that reports no pod capacity still runs pods; 110 is the kubelet default.
        if node.allocatable["pods"] == nil { alloc.pods = 110 }
        allocatable = alloc
        ready = node.isReady
        unschedulable = node.isCordoned
    }

    public var free: Resources { allocatable - requested }
}
