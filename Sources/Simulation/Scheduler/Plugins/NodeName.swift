/// `pkg/scheduler/framework/plugins/nodename/node_name.go`: a pod that names its node goes
/// there or nowhere.
struct NodeName: FilterPlugin {
    let name = "NodeName"
    static let reason = "node(s) didn't match the requested node name"

    func filter(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Status? {
        guard let wanted = cycle.shape.spec.nodeName else { return nil }
        return s.nodes[node.index].name == wanted ? nil : .unresolvable(name, Self.reason)
    }
}
