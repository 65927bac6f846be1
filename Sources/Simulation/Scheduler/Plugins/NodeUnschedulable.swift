import KubeModel

/// `pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go`: a cordoned
/// node takes only pods that tolerate the `node.kubernetes.io/unschedulable:NoSchedule` taint.
struct NodeUnschedulable: FilterPlugin {
    let name = "NodeUnschedulable"
    static let reason = "node(s) were unschedulable"
    static let taint = Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule")

    func filter(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Status? {
        guard s.nodes[node.index].unschedulable else { return nil }
        if cycle.shape.scheduling.tolerations.contains(where: { $0.tolerates(Self.taint) }) { return nil }
        return .unresolvable(name, Self.reason)
    }
}
