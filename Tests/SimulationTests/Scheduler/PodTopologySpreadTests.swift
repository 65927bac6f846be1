import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go` (`TestSingleConstraint`,
/// `TestMultipleConstraints`) and `scoring_test.go` (`TestPodTopologySpreadScore`, current
/// upstream's expected scores, which round where v1.20 truncated).
@Suite struct PodTopologySpreadTests {
    static let notMatch = Status.unschedulable("PodTopologySpread", "node(s) didn't match pod topology spread constraints")
    static let missingLabel = Status.unresolvable("PodTopologySpread", "node(s) didn't match pod topology spread constraints (missing required label)")

    /// A constraint as upstream's `SpreadConstraint(maxSkew, key, mode, Exists(label))`.
    static func constraint(_ skew: Int, _ key: String, _ hard: Bool, exists label: String) -> String {
        "- {maxSkew: \(skew), topologyKey: \(key), whenUnsatisfiable: \(hard ? "DoNotSchedule" : "ScheduleAnyway"), labelSelector: {matchExpressions: [{key: \(label), operator: Exists}]}}"
    }
    /// The pod `p` with labels (valued "") and constraints.
    static func pod(labels: [String], _ constraints: [String], extra: String = "") -> String {
        Harness.rawPod("p", labels: Dictionary(uniqueKeysWithValues: labels.map { ($0, "") }),
                       spec: Harness.container + "\ntopologySpreadConstraints:\n" + constraints.joined(separator: "\n") + (extra.isEmpty ? "" : "\n" + extra))
    }
    /// An existing pod "name@node" with labels (valued ""), in `namespace`.
    static func existing(_ at: String, _ labels: [String] = ["foo"], namespace: String = "default") -> String {
        let f = at.split(separator: "@").map(String.init)
        return Harness.rawPod(f[0], nodeName: f[1], namespace: namespace, labels: Dictionary(uniqueKeysWithValues: labels.map { ($0, "") }), spec: Harness.container)
    }
    /// node-a, node-b in zone1 and node-x, node-y in zone2, each labelled node=<name>.
    static let fourNodes = ["node-a": "zone1", "node-b": "zone1", "node-x": "zone2", "node-y": "zone2"].sorted { $0.key < $1.key }
        .map { Harness.node($0.key, labels: ["zone": $0.value, "node": $0.key]) }
    static func pods(_ spec: String) -> [String] { spec.split(separator: " ").map { existing(String($0)) } }
    static let taintedY = [Harness.node("node-a", labels: ["zone": "zone1", "node": "node-a"]), Harness.node("node-b", labels: ["zone": "zone1", "node": "node-b"]),
                           Harness.node("node-y", labels: ["zone": "zone2", "node": "node-y"], taints: "- {key: k, value: v, effect: NoSchedule}")]
    static func spreadWith(_ extra: String) -> String {
        "- {maxSkew: 1, \(extra)topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchExpressions: [{key: foo, operator: Exists}]}}"
    }
    static let spread2103 = pods("p-a1@node-a p-a2@node-a p-b1@node-b p-y1@node-y p-y2@node-y p-y3@node-y")

    static let filterCases: [FilterCase] = [
        FilterCase("TestSingleConstraint: \"no existing pods\"",
                   fourNodes + [pod(labels: ["foo"], [constraint(1, "zone", true, exists: "foo")])]),
        FilterCase("TestSingleConstraint: \"no existing pods, incoming pod doesn't match itself\"",
                   fourNodes + [pod(labels: ["foo"], [constraint(1, "zone", true, exists: "bar")])]),
        FilterCase("TestSingleConstraint: \"existing pods in a different namespace do not count\"",
                   fourNodes + [existing("p-a1@node-a", namespace: "ns1"), existing("p-b1@node-a", namespace: "ns2")]
                   + pods("p-x1@node-x p-y1@node-y") + [pod(labels: ["foo"], [constraint(1, "zone", true, exists: "foo")])],
                   want: ["node-x": notMatch, "node-y": notMatch]),
        FilterCase("TestSingleConstraint: \"pods spread across zones as 3/3, all nodes fit\"",
                   fourNodes + spread2103 + [pod(labels: ["foo"], [constraint(1, "zone", true, exists: "foo")])]),
        FilterCase("TestSingleConstraint: \"pods spread across zones as 1/2 due to absence of label 'zone' on node-b\"",
                   [Harness.node("node-a", labels: ["zone": "zone1", "node": "node-a"]), Harness.node("node-b", labels: ["zon": "zone1", "node": "node-b"]),
                    Harness.node("node-x", labels: ["zone": "zone2", "node": "node-x"]), Harness.node("node-y", labels: ["zone": "zone2", "node": "node-y"])]
                   + pods("p-a1@node-a p-b1@node-b p-x1@node-x p-y1@node-y") + [pod(labels: ["foo"], [constraint(1, "zone", true, exists: "foo")])],
                   want: ["node-b": missingLabel, "node-x": notMatch, "node-y": notMatch]),
        FilterCase("TestSingleConstraint: \"pod cannot be scheduled as all nodes don't have label 'rack'\"",
                   [Harness.node("node-a", labels: ["zone": "zone1", "node": "node-a"]), Harness.node("node-x", labels: ["zone": "zone2", "node": "node-x"]),
                    pod(labels: ["foo"], [constraint(1, "rack", true, exists: "foo")])],
                   want: ["node-a": missingLabel, "node-x": missingLabel]),
        FilterCase("TestSingleConstraint: \"pods spread across nodes as 2/1/0/3, only node-x fits\"",
                   fourNodes + spread2103 + [pod(labels: ["foo"], [constraint(1, "node", true, exists: "foo")])],
                   want: ["node-a": notMatch, "node-b": notMatch, "node-y": notMatch]),
        FilterCase("TestSingleConstraint: \"pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit\"",
                   fourNodes + spread2103 + [pod(labels: ["foo"], [constraint(2, "node", true, exists: "foo")])],
                   want: ["node-a": notMatch, "node-y": notMatch]),
        FilterCase("TestSingleConstraint: \"pods spread across nodes as 2/1/0/3, but pod doesn't match itself\"",
                   fourNodes + spread2103 + [pod(labels: ["bar"], [constraint(1, "node", true, exists: "foo")])],
                   want: ["node-a": notMatch, "node-y": notMatch]),
        // Upstream's table runs only this plugin, so node-b and node-x pass here though NodeAffinity would refuse them.
        FilterCase("TestSingleConstraint: \"incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits\"",
                   fourNodes + spread2103 + [pod(labels: ["foo"], [constraint(1, "node", true, exists: "foo")], extra: """
                        affinity:
                          nodeAffinity:
                            requiredDuringSchedulingIgnoredDuringExecution:
                              nodeSelectorTerms:
                              - matchExpressions:
                                - {key: node, operator: In, values: [node-a, node-y]}
                        """)],
                   want: ["node-y": notMatch]),
        FilterCase("TestSingleConstraint: \"terminating Pods should be excluded\"",
                   [Harness.node("node-a", labels: ["node": "node-a"]), Harness.node("node-b", labels: ["node": "node-b"]),
                    existing("p-a@node-a").replacingOccurrences(of: "  name: p-a\n", with: "  name: p-a\n  deletionTimestamp: \"2024-01-01T00:00:00Z\"\n"),
                    existing("p-b@node-b"), pod(labels: ["foo"], [constraint(1, "node", true, exists: "foo")])],
                   want: ["node-b": notMatch]),
        FilterCase("TestMultipleConstraints: \"two Constraints on zone and node, spreads = [3/3, 2/1/0/3]\"",
                   fourNodes + spread2103 + [pod(labels: ["foo"], [constraint(1, "zone", true, exists: "foo"), constraint(1, "node", true, exists: "foo")])],
                   want: ["node-a": notMatch, "node-b": notMatch, "node-y": notMatch]),
        FilterCase("TestMultipleConstraints: \"two Constraints on zone and node, spreads = [3/4, 2/1/0/4]\"",
                   fourNodes + spread2103 + pods("p-y4@node-y") + [pod(labels: ["foo"], [constraint(1, "zone", true, exists: "foo"), constraint(1, "node", true, exists: "foo")])],
                   want: ["node-a": notMatch, "node-b": notMatch, "node-x": notMatch, "node-y": notMatch]),
        FilterCase("TestMultipleConstraints: \"Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]\"",
                   fourNodes + [existing("p-a1@node-a", ["foo"]), existing("p-y1@node-y", ["bar"])]
                   + [pod(labels: ["foo", "bar"], [constraint(1, "zone", true, exists: "foo"), constraint(1, "node", true, exists: "bar")])],
                   want: ["node-a": notMatch, "node-b": notMatch, "node-y": notMatch]),
        FilterCase("TestMultipleConstraints: \"Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]\"",
                   fourNodes + [existing("p-a1@node-a", ["foo"]), existing("p-x1@node-x", ["bar"]), existing("p-y1@node-y", ["bar"])]
                   + [pod(labels: ["foo", "bar"], [constraint(1, "zone", true, exists: "foo"), constraint(1, "node", true, exists: "bar")])],
                   want: ["node-a": notMatch, "node-b": notMatch, "node-x": notMatch, "node-y": notMatch]),
        FilterCase("TestMultipleConstraints: \"two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]\"",
                   [Harness.node("node-a", labels: ["zone": "zone1", "node": "node-a"]), Harness.node("node-b", labels: ["zone": "zone1", "node": "node-b"]),
                    Harness.node("node-x", labels: ["zone": "zone2"]), Harness.node("node-y", labels: ["zone": "zone2", "node": "node-y"])]
                   + pods("p-a1@node-a p-y1@node-y")
                   + [pod(labels: ["foo"], [constraint(1, "zone", true, exists: "foo"), constraint(1, "node", true, exists: "foo")])],
                   want: ["node-a": notMatch, "node-x": missingLabel, "node-y": notMatch]),
        // `minDomains` (filtering.go: fewer domains than minDomains make the global minimum 0).
        FilterCase("model: pods spread 1/1 over two zones, minDomains 3: the global minimum is 0, so no node keeps maxSkew 1",
                   fourNodes + pods("p-a1@node-a p-x1@node-x")
                   + [pod(labels: ["foo"], ["- {maxSkew: 1, minDomains: 3, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchExpressions: [{key: foo, operator: Exists}]}}"])],
                   want: ["node-a": notMatch, "node-b": notMatch, "node-x": notMatch, "node-y": notMatch]),
        FilterCase("model: pods spread 1/1 over two zones, minDomains 2: the minimum is 1, every node fits",
                   fourNodes + pods("p-a1@node-a p-x1@node-x")
                   + [pod(labels: ["foo"], ["- {maxSkew: 1, minDomains: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchExpressions: [{key: foo, operator: Exists}]}}"])]),
        // `nodeTaintsPolicy` (common.go `matchNodeInclusionPolicies`): with Honor, node-y's
        // untolerated taint takes zone2 out of the count, so the minimum is zone1's 2 and zone1
        // fits; with the default (Ignore) zone2's 0 is the minimum and zone1 does not.
        FilterCase("model: nodeTaintsPolicy Honor leaves a tainted node's domain out of the minimum",
                   taintedY + pods("p-a1@node-a p-b1@node-b") + [pod(labels: ["foo"], [spreadWith("nodeTaintsPolicy: Honor, ")])]),
        FilterCase("model: nodeTaintsPolicy Ignore (the default) counts the tainted node's domain",
                   taintedY + pods("p-a1@node-a p-b1@node-b") + [pod(labels: ["foo"], [spreadWith("")])],
                   want: ["node-a": notMatch, "node-b": notMatch]),
        FilterCase("model: a ScheduleAnyway constraint never filters",
                   fourNodes + spread2103 + [pod(labels: ["foo"], [constraint(1, "node", false, exists: "foo")])]),
    ]

    @Test(arguments: filterCases)
    func filter(_ c: FilterCase) throws {
        #expect(try Harness.filter(PodTopologySpread(), c) == c.want)
    }

    struct ScoreCase: Sendable, CustomTestStringConvertible {
        var name: String
        var objects: [String]
        var feasible: [String]
        var want: [String: Int64]
        var testDescription: String { name }
    }

    static func hostNodes(_ names: [String]) -> [String] { names.map { Harness.node($0) } }
    static let spread4213 = pods("p-a1@node-a p-a2@node-a p-a3@node-a p-a4@node-a p-b1@node-b p-b2@node-b p-x1@node-x p-y1@node-y p-y2@node-y p-y3@node-y")
    static let host = "kubernetes.io/hostname"
    static let zoned = [("node-a", "zone1"), ("node-b", "zone1"), ("node-x", "zone2"), ("node-y", "zone2")].map { Harness.node($0.0, labels: ["zone": $0.1]) }

    static let scoreCases: [ScoreCase] = [
        ScoreCase(name: "TestPodTopologySpreadScore: \"one constraint on node, 3 out of 4 nodes are candidates\"",
                  objects: hostNodes(["node-a", "node-b", "node-x", "node-y"]) + spread4213 + [pod(labels: ["foo"], [constraint(1, host, false, exists: "foo")])],
                  feasible: ["node-a", "node-b", "node-x"], want: ["node-a": 33, "node-b": 83, "node-x": 100]),
        ScoreCase(name: "TestPodTopologySpreadScore: \"one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key\"",
                  objects: [Harness.node("node-a"), Harness.node("node-b", labels: ["n": "node-b"], hostname: false), Harness.node("node-x"), Harness.node("node-y")]
                  + spread4213 + [pod(labels: ["foo"], [constraint(1, host, false, exists: "foo")])],
                  feasible: ["node-a", "node-b", "node-x"], want: ["node-a": 16, "node-b": 0, "node-x": 100]),
        ScoreCase(name: "TestPodTopologySpreadScore: \"one constraint on zone, 3 out of 4 nodes are candidates\"",
                  objects: zoned + spread4213 + [pod(labels: ["foo"], [constraint(1, "zone", false, exists: "foo")])],
                  feasible: ["node-a", "node-b", "node-x"], want: ["node-a": 75, "node-b": 75, "node-x": 100]),
        // The well-known zone key is read from the node's topology cache, not its labels.
        ScoreCase(name: "one constraint on topology.kubernetes.io/zone, 3 out of 4 nodes are candidates",
                  objects: [("node-a", "zone1"), ("node-b", "zone1"), ("node-x", "zone2"), ("node-y", "zone2")].map { Harness.node($0.0, labels: ["topology.kubernetes.io/zone": $0.1]) }
                  + spread4213 + [pod(labels: ["foo"], [constraint(1, "topology.kubernetes.io/zone", false, exists: "foo")])],
                  feasible: ["node-a", "node-b", "node-x"], want: ["node-a": 75, "node-b": 75, "node-x": 100]),
        // `initPreScoreState` (scoring.go): the hostname constraint's size is the number of
        // feasible nodes with every key, hostnames not looked up; two nodes sharing one
        // hostname weigh log(3 + 2), not log(2 + 2), which would give node-b 66.
        ScoreCase(name: "the hostname constraint's weight counts nodes, not hostnames",
                  objects: [Harness.node("node-a", labels: [host: "shared"], hostname: false), Harness.node("node-b", labels: [host: "shared"], hostname: false),
                            Harness.node("node-x")] + pods("p-a1@node-a p-a2@node-a p-b1@node-b")
                  + [pod(labels: ["foo"], [constraint(1, host, false, exists: "foo")])],
                  feasible: ["node-a", "node-b", "node-x"], want: ["node-a": 0, "node-b": 33, "node-x": 100]),
        ScoreCase(name: "TestPodTopologySpreadScore: \"two Constraints on zone and node, 2 out of 4 nodes are candidates\"",
                  objects: zoned + pods("p-a1@node-a p-a2@node-a p-b1@node-b p-x1@node-x p-x2@node-x p-y1@node-y p-y2@node-y p-y3@node-y p-y4@node-y")
                  + [pod(labels: ["foo"], [constraint(1, "zone", false, exists: "foo"), constraint(1, host, false, exists: "foo")])],
                  feasible: ["node-a", "node-x"], want: ["node-a": 100, "node-x": 63]),
        ScoreCase(name: "TestPodTopologySpreadScore: \"two Constraints on zone and node, with different labelSelectors\"",
                  objects: zoned + [existing("p-a1@node-a", ["foo"]), existing("p-b1@node-b", ["foo", "bar"]), existing("p-y1@node-y", ["foo"]), existing("p-y2@node-y", ["bar"])]
                  + [pod(labels: ["foo", "bar"], [constraint(1, "zone", false, exists: "foo"), constraint(1, host, false, exists: "bar")])],
                  feasible: ["node-a", "node-b", "node-x", "node-y"], want: ["node-a": 60, "node-b": 20, "node-x": 100, "node-y": 60]),
        ScoreCase(name: "TestPodTopologySpreadScore: \"two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods\"",
                  objects: zoned + [existing("p-b1@node-b", ["bar"]), existing("p-x1@node-x", ["foo"]), existing("p-y1@node-y", ["foo", "bar"])]
                  + [pod(labels: ["foo", "bar"], [constraint(1, "zone", false, exists: "foo"), constraint(1, host, false, exists: "bar")])],
                  feasible: ["node-a", "node-b", "node-x", "node-y"], want: ["node-a": 100, "node-b": 60, "node-x": 40, "node-y": 0]),
        ScoreCase(name: "TestPodTopologySpreadScore: \"two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates\"",
                  objects: zoned + [existing("p-a1@node-a", ["foo"]), existing("p-b1@node-b", ["foo", "bar"]), existing("p-y1@node-y", ["foo"]), existing("p-y2@node-y", ["bar"])]
                  + [pod(labels: ["foo", "bar"], [constraint(1, "zone", false, exists: "foo"), constraint(1, host, false, exists: "bar")])],
                  feasible: ["node-a", "node-b", "node-x"], want: ["node-a": 50, "node-b": 25, "node-x": 100]),
        ScoreCase(name: "TestPodTopologySpreadScore: \"existing pods in a different namespace do not count\"",
                  objects: hostNodes(["node-a", "node-b"]) + [existing("p-a1@node-a", namespace: "ns1")] + pods("p-a2@node-a p-b1@node-b p-b2@node-b")
                  + [pod(labels: ["foo"], [constraint(1, host, false, exists: "foo")])],
                  feasible: ["node-a", "node-b"], want: ["node-a": 100, "node-b": 33]),
        ScoreCase(name: "TestPodTopologySpreadScore: \"NodeAffinityPolicy honoed with labelSelectors\"",
                  objects: [Harness.node("node-a", labels: ["node": "node-a", "foo": ""]), Harness.node("node-b", labels: ["node": "node-b", "foo": ""]),
                            Harness.node("node-c", labels: ["node": "node-c"])] + pods("p-a1@node-a p-a2@node-a p-b1@node-b p-c1@node-c")
                  + [pod(labels: ["foo"], [constraint(1, "node", false, exists: "foo")], extra: "nodeSelector: {foo: \"\"}")],
                  feasible: ["node-a", "node-b", "node-c"], want: ["node-a": 0, "node-b": 33, "node-c": 100]),
        ScoreCase(name: "TestPodTopologySpreadScore: \"NodeAffinityPolicy ignored with labelSelectors\"",
                  objects: [Harness.node("node-a", labels: ["node": "node-a", "foo": ""]), Harness.node("node-b", labels: ["node": "node-b", "foo": ""]),
                            Harness.node("node-c", labels: ["node": "node-c"])] + pods("p-a1@node-a p-a2@node-a p-b1@node-b p-c1@node-c")
                  + [pod(labels: ["foo"], ["- {maxSkew: 1, topologyKey: node, whenUnsatisfiable: ScheduleAnyway, nodeAffinityPolicy: Ignore, labelSelector: {matchExpressions: [{key: foo, operator: Exists}]}}"],
                         extra: "nodeSelector: {foo: \"\"}")],
                  feasible: ["node-a", "node-b", "node-c"], want: ["node-a": 66, "node-b": 100, "node-c": 100]),
    ]

    @Test(arguments: scoreCases)
    func score(_ c: ScoreCase) throws {
        #expect(try Harness.scores(PodTopologySpread(), c.objects, nodes: c.feasible) == c.want)
    }

    /// End to end: DoNotSchedule across two zones keeps the replicas balanced, and the
    /// replica that cannot keep the skew stays Pending with upstream's message (reasons sorted
    /// as strings, `FitError.Error`).
    @Test func replicasSpreadAcrossZonesThenPend() throws {
        let s = try Fixture.settled(Fixture.node("a", pods: 2, labels: ["zone": "z1"]), Fixture.node("b", pods: 2, labels: ["zone": "z2"]),
                                    Fixture.node("c", labels: ["zone": "z2"]),
                                    Fixture.deployment("web", replicas: 6, spec: """
                                        topologySpreadConstraints:
                                        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
                                        """))
        let zones = s.live("Deployment", "web").compactMap { s.nodeName(ofPod: $0) }.map { $0 == "a" ? "z1" : "z2" }
        #expect(zones.filter { $0 == "z1" }.count == 2)
        #expect(zones.filter { $0 == "z2" }.count == 3)
        let p = try #require(s.pendingPods("Deployment", "web").first)
        #expect(s.pendingReasons[p] == "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints, 2 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")
    }
}
