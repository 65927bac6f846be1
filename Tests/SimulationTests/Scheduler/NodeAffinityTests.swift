import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go`: `TestNodeAffinity`
/// (Filter, on one node "node1" with the row's labels) and `TestNodeAffinityPriority` (Score).
@Suite struct NodeAffinityTests {
    static let errReasonPod = Status.unresolvable("NodeAffinity", "node(s) didn't match Pod's node affinity/selector")

    /// The pod `p` with required node affinity terms (unindented YAML list items, or `[]`/`null`).
    static func required(_ terms: String, extra: String = "") -> String {
        let body = terms.hasPrefix("-") ? "\n" + Fixture.indent(terms, 8) : " " + terms
        return Fixture.pod("p", spec: """
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:\(body)
            """ + (extra.isEmpty ? "" : "\n" + extra))
    }
    static func row(_ name: String, labels: [String: String], _ pod: String, fits: Bool, node: String = "node1") -> FilterCase {
        FilterCase("TestNodeAffinity: \"\(name)\"", [Fixture.node(node, labels: labels), pod], want: fits ? [:] : [node: errReasonPod])
    }

    static let cases: [FilterCase] = [
        row("no selector", labels: [:], Fixture.pod("p"), fits: true),
        row("missing labels", labels: [:], Fixture.pod("p", spec: "nodeSelector: {foo: bar}"), fits: false),
        row("same labels", labels: ["foo": "bar"], Fixture.pod("p", spec: "nodeSelector: {foo: bar}"), fits: true),
        row("node labels are superset", labels: ["foo": "bar", "baz": "blah"], Fixture.pod("p", spec: "nodeSelector: {foo: bar}"), fits: true),
        row("node labels are subset", labels: ["foo": "bar"], Fixture.pod("p", spec: "nodeSelector: {foo: bar, baz: blah}"), fits: false),
        row("Pod with matchExpressions using In operator that matches the existing node", labels: ["foo": "bar"],
            required("- matchExpressions:\n  - {key: foo, operator: In, values: [bar, value2]}"), fits: true),
        row("Pod with matchExpressions using Gt operator that matches the existing node", labels: ["kernel-version": "0206"],
            required("- matchExpressions:\n  - {key: kernel-version, operator: Gt, values: [\"0204\"]}"), fits: true),
        row("Pod with matchExpressions using NotIn operator that matches the existing node", labels: ["mem-type": "DDR3"],
            required("- matchExpressions:\n  - {key: mem-type, operator: NotIn, values: [DDR, DDR2]}"), fits: true),
        row("Pod with matchExpressions using Exists operator that matches the existing node", labels: ["GPU": "NVIDIA-GRID-K1"],
            required("- matchExpressions:\n  - {key: GPU, operator: Exists}"), fits: true),
        row("Pod with affinity that don't match node's labels won't schedule onto the node", labels: ["foo": "bar"],
            required("- matchExpressions:\n  - {key: foo, operator: In, values: [value1, value2]}"), fits: false),
        row("Pod with an empty []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node", labels: ["foo": "bar"],
            required("[]"), fits: false),
        row("Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node", labels: ["foo": "bar"],
            required("- matchExpressions: []"), fits: false),
        row("Pod with no Affinity will schedule onto a node", labels: ["foo": "bar"], Fixture.pod("p"), fits: true),
        row("Pod with Affinity but nil NodeSelector will schedule onto a node", labels: ["foo": "bar"],
            Fixture.pod("p", spec: "affinity:\n  nodeAffinity: {}"), fits: true),
        row("Pod with multiple matchExpressions ANDed that matches the existing node", labels: ["GPU": "NVIDIA-GRID-K1"],
            required("- matchExpressions:\n  - {key: GPU, operator: Exists}\n  - {key: GPU, operator: NotIn, values: [AMD, INTER]}"), fits: true),
        row("Pod with multiple matchExpressions ANDed that doesn't match the existing node", labels: ["GPU": "NVIDIA-GRID-K1"],
            required("- matchExpressions:\n  - {key: GPU, operator: Exists}\n  - {key: GPU, operator: In, values: [AMD, INTER]}"), fits: false),
        row("Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node", labels: ["foo": "bar"],
            required("- matchExpressions:\n  - {key: foo, operator: In, values: [bar, value2]}\n- matchExpressions:\n  - {key: diffkey, operator: In, values: [wrong, value2]}"), fits: true),
        row("Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node", labels: ["foo": "bar"],
            required("- matchExpressions:\n  - {key: foo, operator: Exists}", extra: "nodeSelector: {foo: bar}"), fits: true),
        row("Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node", labels: ["foo": "barrrrrr"],
            required("- matchExpressions:\n  - {key: foo, operator: Exists}", extra: "nodeSelector: {foo: bar}"), fits: false),
        row("Pod with matchFields using In operator that matches the existing node", labels: [:],
            required("- matchFields:\n  - {key: metadata.name, operator: In, values: [node1]}"), fits: true),
        row("Pod with matchFields using In operator that does not match the existing node", labels: [:],
            required("- matchFields:\n  - {key: metadata.name, operator: In, values: [node1]}"), fits: false, node: "node2"),
        row("Pod with two terms: matchFields does not match, but matchExpressions matches", labels: ["foo": "bar"],
            required("- matchFields:\n  - {key: metadata.name, operator: In, values: [node1]}\n- matchExpressions:\n  - {key: foo, operator: In, values: [bar]}"), fits: true, node: "node2"),
        row("Pod with one term: matchFields does not match, but matchExpressions matches", labels: ["foo": "bar"],
            required("- matchFields:\n  - {key: metadata.name, operator: In, values: [node1]}\n  matchExpressions:\n  - {key: foo, operator: In, values: [bar]}"), fits: false, node: "node2"),
        row("Pod with one term: both matchFields and matchExpressions match", labels: ["foo": "bar"],
            required("- matchFields:\n  - {key: metadata.name, operator: In, values: [node1]}\n  matchExpressions:\n  - {key: foo, operator: In, values: [bar]}"), fits: true),
        row("Pod with two terms: both matchFields and matchExpressions do not match", labels: ["foo": "bar"],
            required("- matchFields:\n  - {key: metadata.name, operator: In, values: [node1]}\n- matchExpressions:\n  - {key: foo, operator: In, values: [not-match-to-bar]}"), fits: false, node: "node2"),
    ]

    /// Filter alone, as upstream's table calls it on the node (PreFilter's node-name result
    /// is a separate row below).
    @Test(arguments: cases)
    func filter(_ c: FilterCase) throws {
        #expect(try Harness.filter(NodeAffinity(), c, preFilter: false) == c.want)
    }

    /// Upstream parses the term's values as label values (`labels.NewRequirement`); a term that
    /// does not parse matches no node, even with NotIn.
    @Test(.disabled("reason: bug — an invalid label value in a NotIn node affinity term matches instead of matching nothing (see report)"))
    func invalidValueMatchesNothing() throws {
        let c = Self.row("Pod with an invalid value in Affinity term won't be scheduled onto the node", labels: ["foo": "bar"],
                         Self.required("- matchExpressions:\n  - {key: foo, operator: NotIn, values: [\"invalid value: ___@#$%^\"]}"), fits: false)
        #expect(try Harness.filter(NodeAffinity(), c, preFilter: false) == c.want)
    }

    /// "Pod with a nil []NodeSelectorTerm in affinity": upstream matches no node.
    @Test func nilNodeSelectorTermsMatchNoNode() throws {
        let c = Self.row("Pod with a nil []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
                    labels: ["foo": "bar"], Self.required("null"), fits: false)
        #expect(try Harness.filter(NodeAffinity(), c, preFilter: false) == c.want)
    }

    /// PreFilter (current upstream `TestNodeAffinity` wantPreFilterResult): terms that all name
    /// nodes limit the pod to those; the others are "didn't satisfy plugin(s) [NodeAffinity]".
    @Test func preFilterLimitsToNamedNodes() throws {
        let s = try Harness.state([Fixture.node("node1"), Fixture.node("node2"), Fixture.node("node3"),
                                   Self.required("- matchFields:\n  - {key: metadata.name, operator: In, values: [node1, node3]}")])
        let (cycle, st) = Harness.preFiltered(s, pod: try #require(Harness.pod(s, "p")))
        #expect(st == nil)
        #expect(cycle.allowedNodes == [s.nodeIndex["node1"]!, s.nodeIndex["node3"]!])
        #expect(cycle.allowedNodesBy == "NodeAffinity")
    }

    static func namedNodes(_ fields: String) -> String {
        Fixture.deployment("web", spec: """
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
            """ + "\n" + Fixture.indent(fields, 6))
    }

    /// Current upstream: PreFilter names node9, which the snapshot lacks; every node then
    /// counts as "didn't satisfy plugin(s) [NodeAffinity]" (`SetAbsentNodesStatus`, with the
    /// count `FitError.Error` gives absent nodes).
    @Test
    func preFilterNamedNodeAbsentMessage() throws {
        let s = try Fixture.settled(Fixture.node("node1"), Fixture.node("node2"),
                                    Self.namedNodes("- matchFields:\n  - {key: metadata.name, operator: In, values: [node9]}"))
        let p = try #require(s.pendingPods("Deployment", "web").first)
        #expect(s.pendingReasons[p] == "0/2 nodes are available: 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.")
    }

    /// `node_affinity.go` PreFilter: terms whose `metadata.name` sets do not meet reject the
    /// pod with `errReasonConflict`.
    @Test
    func preFilterConflictingNames() throws {
        let s = try Fixture.settled(Fixture.node("node1"), Fixture.node("node2"),
                                    Self.namedNodes("- matchFields:\n  - {key: metadata.name, operator: In, values: [node1]}\n  - {key: metadata.name, operator: In, values: [node2]}"))
        let p = try #require(s.pendingPods("Deployment", "web").first)
        #expect(s.pendingReasons[p] == "0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.")
    }

    /// Named nodes that exist: the pod goes to one of them.
    @Test func preFilterNamedNodeIsUsed() throws {
        let s = try Fixture.settled(Fixture.node("node1"), Fixture.node("node2"), Fixture.node("node3"),
                                    Self.namedNodes("- matchFields:\n  - {key: metadata.name, operator: In, values: [node2, node9]}"))
        #expect(s.live("Deployment", "web").map { s.nodeName(ofPod: $0) } == ["node2"])
    }

    struct ScoreCase: Sendable, CustomTestStringConvertible {
        var name: String
        var preferred: String?
        var nodes: [(String, [String: String])]
        var want: [String: Int64]
        var testDescription: String { name }
    }
    static let label1 = ["foo": "bar"], label2 = ["key": "value"], label3 = ["az": "az1"]
    static let label4 = ["abc": "az11", "def": "az22"], label5 = ["foo": "bar", "key": "value", "az": "az1"]
    static let affinity1 = "- weight: 2\n  preference:\n    matchExpressions:\n    - {key: foo, operator: In, values: [bar]}"
    static let affinity2 = affinity1 + """

        - weight: 4
          preference:
            matchExpressions:
            - {key: key, operator: In, values: [value]}
        - weight: 5
          preference:
            matchExpressions:
            - {key: foo, operator: In, values: [bar]}
            - {key: key, operator: In, values: [value]}
            - {key: az, operator: In, values: [az1]}
        """

    static let scoreCases: [ScoreCase] = [
        ScoreCase(name: "TestNodeAffinityPriority: \"all machines are same priority as NodeAffinity is nil\"", preferred: nil,
                  nodes: [("machine1", label1), ("machine2", label2), ("machine3", label3)], want: ["machine1": 0, "machine2": 0, "machine3": 0]),
        ScoreCase(name: "TestNodeAffinityPriority: \"no machine macthes preferred scheduling requirements in NodeAffinity of pod so all machines' priority is zero\"",
                  preferred: affinity1, nodes: [("machine1", label4), ("machine2", label2), ("machine3", label3)],
                  want: ["machine1": 0, "machine2": 0, "machine3": 0]),
        ScoreCase(name: "TestNodeAffinityPriority: \"only machine1 matches the preferred scheduling requirements of pod\"",
                  preferred: affinity1, nodes: [("machine1", label1), ("machine2", label2), ("machine3", label3)],
                  want: ["machine1": 100, "machine2": 0, "machine3": 0]),
        ScoreCase(name: "TestNodeAffinityPriority: \"all machines matches the preferred scheduling requirements of pod but with different priorities \"",
                  preferred: affinity2, nodes: [("machine1", label1), ("machine5", label5), ("machine2", label2)],
                  want: ["machine1": 18, "machine5": 100, "machine2": 36]),
    ]

    @Test(arguments: scoreCases)
    func score(_ c: ScoreCase) throws {
        let spec = c.preferred.map { "affinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n" + Fixture.indent($0, 4) } ?? ""
        let docs = c.nodes.map { Fixture.node($0.0, labels: $0.1) } + [Fixture.pod("p", spec: spec)]
        #expect(try Harness.scores(NodeAffinity(), docs) == c.want)
    }
}
