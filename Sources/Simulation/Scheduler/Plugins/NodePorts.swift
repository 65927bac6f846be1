/// `pkg/scheduler/framework/plugins/nodeports/node_ports.go`: a host port the pod asks for
/// must be free on the node (0.0.0.0 clashes with every address of the same protocol and port).
struct NodePorts: FilterPlugin {
    let name = "NodePorts"
    static let reason = "node(s) didn't have free ports for the requested pod ports"

    func filter(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Status? {
        let wanted = cycle.shape.hostPorts
        if wanted.isEmpty { return nil }
        let clash = wanted.contains { hp in node.usedPorts.contains { $0.conflicts(with: hp) } }
        return clash ? .unschedulable(name, Self.reason) : nil
    }
}
