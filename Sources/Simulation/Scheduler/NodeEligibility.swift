/// Whether a pod of this template may ever run on a node, whatever is on it: its node
/// selector and required node affinity, and the node's NoSchedule and NoExecute taints,
/// through the scheduler's own plugins. Readiness, cordons and room come and go; these do
/// not. The DaemonSet controller asks the same (`NodeShouldRunDaemonPod`,
/// `pkg/controller/daemon/daemon_controller.go`).
extension SimState {
    public func canRun(_ template: PodShape, on node: SimNode) -> Bool {
        NodeAffinity.matches(template.scheduling, node) && TaintToleration.untolerated(node.taints, template.scheduling.tolerations) == nil
    }
}
