import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go`, `TestNodeUnschedulable`.
@Suite struct NodeUnschedulableTests {
    static let reason = Status.unresolvable("NodeUnschedulable", "node(s) were unschedulable")

    static let cases: [FilterCase] = [
        FilterCase("TestNodeUnschedulable: \"Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)\"",
                   [Fixture.node("n1", unschedulable: true), Fixture.pod("p")], want: ["n1": reason]),
        FilterCase("TestNodeUnschedulable: \"Schedule pod to normal node\"",
                   [Fixture.node("n1", unschedulable: false), Fixture.pod("p")]),
        FilterCase("TestNodeUnschedulable: \"Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)\"",
                   [Fixture.node("n1", unschedulable: true),
                    Fixture.pod("p", spec: "tolerations:\n- {key: node.kubernetes.io/unschedulable, effect: NoSchedule}")]),
        // Rows of ours on the same rule (v1helper.TolerationsTolerateTaint against the unschedulable taint).
        FilterCase("model: a toleration of every taint (operator Exists, no key) tolerates the cordon",
                   [Fixture.node("n1", unschedulable: true), Fixture.pod("p", spec: "tolerations:\n- operator: Exists")]),
        FilterCase("model: a toleration of the key for another effect does not",
                   [Fixture.node("n1", unschedulable: true),
                    Fixture.pod("p", spec: "tolerations:\n- {key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoExecute}")],
                   want: ["n1": reason]),
        FilterCase("model: only the cordoned node of two refuses",
                   [Fixture.node("n1", unschedulable: true), Fixture.node("n2"), Fixture.pod("p")], want: ["n1": reason]),
    ]

    @Test(arguments: cases)
    func filter(_ c: FilterCase) throws {
        #expect(try Harness.filter(NodeUnschedulable(), c) == c.want)
    }

    @Test func cordonedClusterMessage() throws {
        let s = try Fixture.settled(Fixture.node("n1", unschedulable: true), Fixture.deployment("web"))
        let p = try #require(s.pendingPods("Deployment", "web").first)
        #expect(s.pendingReasons[p] == "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.")
    }
}
