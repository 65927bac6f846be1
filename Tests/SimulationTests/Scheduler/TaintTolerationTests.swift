import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go`.
@Suite struct TaintTolerationTests {
    static func pod(tolerations: String?) -> String {
        Fixture.pod("p", spec: tolerations.map { "tolerations:\n" + $0 } ?? "")
    }
    static func nodeA(_ taints: String) -> String { Fixture.node("nodeA", taints: taints) }
    /// The message of current releases (v1.20: "node(s) had taint {k: v}, that the pod didn't tolerate").
    static func untolerated(_ kv: String) -> Status { .unresolvable("TaintToleration", "node(s) had untolerated taint {\(kv)}") }

    static let filterCases: [FilterCase] = [
        FilterCase("TestTaintTolerationFilter: \"A pod having no tolerations can't be scheduled onto a node with nonempty taints\"",
                   [nodeA("- {key: dedicated, value: user1, effect: NoSchedule}"), pod(tolerations: nil)],
                   want: ["nodeA": untolerated("dedicated: user1")]),
        FilterCase("TestTaintTolerationFilter: \"A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule\"",
                   [nodeA("- {key: dedicated, value: user1, effect: NoSchedule}"),
                    pod(tolerations: "- {key: dedicated, value: user1, effect: NoSchedule}")]),
        FilterCase("TestTaintTolerationFilter: \"A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule\"",
                   [nodeA("- {key: dedicated, value: user1, effect: NoSchedule}"),
                    pod(tolerations: "- {key: dedicated, operator: Equal, value: user2, effect: NoSchedule}")],
                   want: ["nodeA": untolerated("dedicated: user1")]),
        FilterCase("TestTaintTolerationFilter: \"A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node\"",
                   [nodeA("- {key: foo, value: bar, effect: NoSchedule}"),
                    pod(tolerations: "- {key: foo, operator: Exists, effect: NoSchedule}")]),
        FilterCase("TestTaintTolerationFilter: \"A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node\"",
                   [nodeA("- {key: dedicated, value: user2, effect: NoSchedule}\n- {key: foo, value: bar, effect: NoSchedule}"),
                    pod(tolerations: "- {key: dedicated, operator: Equal, value: user2, effect: NoSchedule}\n- {key: foo, operator: Exists, effect: NoSchedule}")]),
        FilterCase("TestTaintTolerationFilter: \"A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node\"",
                   [nodeA("- {key: foo, value: bar, effect: NoSchedule}"),
                    pod(tolerations: "- {key: foo, operator: Equal, value: bar, effect: PreferNoSchedule}")],
                   want: ["nodeA": untolerated("foo: bar")]),
        FilterCase("TestTaintTolerationFilter: \"The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node\"",
                   [nodeA("- {key: foo, value: bar, effect: NoSchedule}"),
                    pod(tolerations: "- {key: foo, operator: Equal, value: bar}")]),
        FilterCase("TestTaintTolerationFilter: \"The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node\"",
                   [nodeA("- {key: dedicated, value: user1, effect: PreferNoSchedule}"),
                    pod(tolerations: "- {key: dedicated, operator: Equal, value: user2, effect: NoSchedule}")]),
        FilterCase("TestTaintTolerationFilter: \"The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node\"",
                   [nodeA("- {key: dedicated, value: user1, effect: PreferNoSchedule}"), pod(tolerations: nil)]),
        // Rows of ours, on the same rules (v1helper.TolerationsTolerateTaint, FindMatchingUntoleratedTaint).
        FilterCase("model: a NoExecute taint keeps out a pod that does not tolerate it",
                   [nodeA("- {key: maint, value: \"true\", effect: NoExecute}"), pod(tolerations: nil)],
                   want: ["nodeA": untolerated("maint: true")]),
        FilterCase("model: an empty key with operator Exists tolerates every taint",
                   [nodeA("- {key: a, value: b, effect: NoSchedule}\n- {key: c, effect: NoExecute}"), pod(tolerations: "- operator: Exists")]),
        FilterCase("model: the first untolerated taint is the one named; a taint without value prints an empty value",
                   [nodeA("- {key: a, value: b, effect: NoSchedule}\n- {key: c, effect: NoSchedule}"),
                    pod(tolerations: "- {key: a, operator: Exists}")],
                   want: ["nodeA": untolerated("c: ")]),
    ]

    @Test(arguments: filterCases)
    func filter(_ c: FilterCase) throws {
        #expect(try Harness.filter(TaintToleration(), c) == c.want)
    }

    struct ScoreCase: Sendable, CustomTestStringConvertible {
        var name: String
        var tolerations: String
        var nodes: [(String, String?)]
        var want: [String: Int64]
        var testDescription: String { name }
    }

    static let scoreCases: [ScoreCase] = [
        ScoreCase(name: "TestTaintTolerationScore: \"node with taints tolerated by the pod, gets a higher score than those node with intolerable taints\"",
                  tolerations: "- {key: foo, operator: Equal, value: bar, effect: PreferNoSchedule}",
                  nodes: [("nodeA", "- {key: foo, value: bar, effect: PreferNoSchedule}"), ("nodeB", "- {key: foo, value: blah, effect: PreferNoSchedule}")],
                  want: ["nodeA": 100, "nodeB": 0]),
        ScoreCase(name: "TestTaintTolerationScore: \"the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has\"",
                  tolerations: "- {key: cpu-type, operator: Equal, value: arm64, effect: PreferNoSchedule}\n- {key: disk-type, operator: Equal, value: ssd, effect: PreferNoSchedule}",
                  nodes: [("nodeA", nil), ("nodeB", "- {key: cpu-type, value: arm64, effect: PreferNoSchedule}"),
                          ("nodeC", "- {key: cpu-type, value: arm64, effect: PreferNoSchedule}\n- {key: disk-type, value: ssd, effect: PreferNoSchedule}")],
                  want: ["nodeA": 100, "nodeB": 100, "nodeC": 100]),
        ScoreCase(name: "TestTaintTolerationScore: \"the more intolerable taints a node has, the lower score it gets.\"",
                  tolerations: "- {key: foo, operator: Equal, value: bar, effect: PreferNoSchedule}",
                  nodes: [("nodeA", nil), ("nodeB", "- {key: cpu-type, value: arm64, effect: PreferNoSchedule}"),
                          ("nodeC", "- {key: cpu-type, value: arm64, effect: PreferNoSchedule}\n- {key: disk-type, value: ssd, effect: PreferNoSchedule}")],
                  want: ["nodeA": 100, "nodeB": 50, "nodeC": 0]),
        ScoreCase(name: "TestTaintTolerationScore: \"only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function\"",
                  tolerations: "- {key: cpu-type, operator: Equal, value: arm64, effect: NoSchedule}\n- {key: disk-type, operator: Equal, value: ssd, effect: NoSchedule}",
                  nodes: [("nodeA", nil), ("nodeB", "- {key: cpu-type, value: arm64, effect: NoSchedule}"),
                          ("nodeC", "- {key: cpu-type, value: arm64, effect: PreferNoSchedule}\n- {key: disk-type, value: ssd, effect: PreferNoSchedule}")],
                  want: ["nodeA": 100, "nodeB": 100, "nodeC": 0]),
        ScoreCase(name: "TestTaintTolerationScore: \"Default behaviour No taints and tolerations, lands on node with no taints\"",
                  tolerations: "[]",
                  nodes: [("nodeA", nil), ("nodeB", "- {key: cpu-type, value: arm64, effect: PreferNoSchedule}")],
                  want: ["nodeA": 100, "nodeB": 0]),
    ]

    @Test(arguments: scoreCases)
    func score(_ c: ScoreCase) throws {
        let docs = c.nodes.map { Fixture.node($0.0, taints: $0.1) } + [Fixture.pod("p", spec: "tolerations: " + (c.tolerations == "[]" ? "[]" : "\n" + c.tolerations))]
        #expect(try Harness.scores(TaintToleration(), docs) == c.want)
    }

    /// End to end: the FailedScheduling message counts the taint reason per node.
    @Test func untoleratedTaintMessage() throws {
        let s = try Fixture.settled(Fixture.node("n1", taints: "- {key: dedicated, value: user1, effect: NoSchedule}"),
                                    Fixture.node("n2", taints: "- {key: dedicated, value: user1, effect: NoSchedule}"),
                                    Fixture.deployment("web"))
        let p = try #require(s.pendingPods("Deployment", "web").first)
        #expect(s.pendingReasons[p] == "0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: user1}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.")
    }
}
