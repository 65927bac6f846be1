import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go`:
/// `TestRequiredAffinitySingleNode` (one node, machine1, region=r1 zone=z11) and
/// `TestRequiredAffinityMultipleNodes`. Reasons are current upstream's: one reason per status
/// (v1.20 put "node(s) didn't match pod affinity/anti-affinity" before the specific one).
@Suite struct InterPodAffinityTests {
    static let affinityRules = Status.unresolvable("InterPodAffinity", "node(s) didn't match pod affinity rules")
    static let antiAffinityRules = Status.unschedulable("InterPodAffinity", "node(s) didn't match pod anti-affinity rules")
    static let existingAntiAffinity = Status.unschedulable("InterPodAffinity", "node(s) didn't satisfy existing pods anti-affinity rules")

    static let podLabel = ["service": "securityscan"]
    static let podLabel2 = ["security": "S1"]
    static let machine1 = Harness.node("machine1", labels: ["region": "r1", "zone": "z11"])

    /// A term: `exprs` as YAML flow items of matchExpressions.
    static func term(_ exprs: String, _ key: String, namespaces: [String]? = nil) -> String {
        var out = "- labelSelector: {matchExpressions: [\(exprs)]}\n  topologyKey: \(key)"
        if let namespaces { out += "\n  namespaces: [\(namespaces.joined(separator: ", "))]" }
        return out
    }
    static func affinity(required: [String] = [], anti: [String] = []) -> String {
        var out = "affinity:"
        if !required.isEmpty {
            out += "\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n" + Fixture.indent(required.joined(separator: "\n"), 4)
        }
        if !anti.isEmpty {
            out += "\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n" + Fixture.indent(anti.joined(separator: "\n"), 4)
        }
        return out
    }
    static func pod(_ name: String, labels: [String: String], node: String? = nil, namespace: String = "default", _ aff: String = "") -> String {
        Harness.rawPod(name, nodeName: node, namespace: namespace, labels: labels, spec: Harness.container + (aff.isEmpty ? "" : "\n" + aff))
    }
    static func single(_ name: String, _ p: String, existing: [String] = [], want: Status? = nil, nodes: [String] = [machine1]) -> FilterCase {
        FilterCase("TestRequiredAffinitySingleNode: \"\(name)\"", nodes + existing + [p], want: want.map { ["machine1": $0] } ?? [:])
    }
    static let inSecurityscan = "{key: service, operator: In, values: [securityscan, value2]}"

    static let singleNodeCases: [FilterCase] = [
        single("A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods",
               pod("p", labels: [:])),
        single("satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod",
               pod("p", labels: podLabel2, affinity(required: [term(inSecurityscan, "region")])),
               existing: [pod("e", labels: podLabel, node: "machine1")]),
        single("satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod",
               pod("p", labels: podLabel2, affinity(required: [term("{key: service, operator: NotIn, values: [securityscan3, value3]}", "region")])),
               existing: [pod("e", labels: podLabel, node: "machine1")]),
        single("Does not satisfy the PodAffinity with labelSelector because of diff Namespace",
               pod("p", labels: podLabel2, affinity(required: [term(inSecurityscan, "region", namespaces: ["DiffNameSpace"])])),
               existing: [pod("e", labels: podLabel, node: "machine1", namespace: "ns")], want: affinityRules),
        single("Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
               pod("p", labels: podLabel, affinity(required: [term("{key: service, operator: In, values: [antivirusscan, value2]}", "region")])),
               existing: [pod("e", labels: podLabel, node: "machine1")], want: affinityRules),
        single("satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ",
               pod("p", labels: podLabel2, affinity(required: [
                   term("{key: service, operator: Exists}, {key: wrongkey, operator: DoesNotExist}", "region"),
                   term("{key: service, operator: In, values: [securityscan]}, {key: service, operator: NotIn, values: [WrongValue]}", "region")])),
               existing: [pod("e", labels: podLabel, node: "machine1")]),
        single("The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
               pod("p", labels: podLabel2, affinity(required: [
                   term("{key: service, operator: Exists}, {key: wrongkey, operator: DoesNotExist}", "region"),
                   term("{key: service, operator: In, values: [securityscan2]}, {key: service, operator: NotIn, values: [WrongValue]}", "region")])),
               existing: [pod("e", labels: podLabel, node: "machine1")], want: affinityRules),
        single("satisfies the PodAffinity and PodAntiAffinity with the existing pod",
               pod("p", labels: podLabel2, affinity(required: [term(inSecurityscan, "region")],
                                                    anti: [term("{key: service, operator: In, values: [antivirusscan, value2]}", "node")])),
               existing: [pod("e", labels: podLabel, node: "machine1")]),
        single("satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod",
               pod("p", labels: podLabel2, affinity(required: [term(inSecurityscan, "region")],
                                                    anti: [term("{key: service, operator: In, values: [antivirusscan, value2]}", "node")])),
               existing: [pod("e", labels: podLabel, node: "machine1", affinity(anti: [term("{key: service, operator: In, values: [antivirusscan, value2]}", "node")]))]),
        single("satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
               pod("p", labels: podLabel2, affinity(required: [term(inSecurityscan, "region")], anti: [term(inSecurityscan, "zone")])),
               existing: [pod("e", labels: podLabel, node: "machine1")], want: antiAffinityRules),
        single("satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
               pod("p", labels: podLabel, affinity(required: [term(inSecurityscan, "region")],
                                                   anti: [term("{key: service, operator: In, values: [antivirusscan, value2]}", "node")])),
               existing: [pod("e", labels: podLabel, node: "machine1", affinity(anti: [term(inSecurityscan, "zone")]))], want: existingAntiAffinity),
        single("pod matches its own Label in PodAffinity and that matches the existing pod Labels",
               pod("p", labels: podLabel, affinity(required: [term("{key: service, operator: NotIn, values: [securityscan, value2]}", "region")])),
               existing: [pod("e", labels: podLabel, node: "machine2")], want: affinityRules,
               nodes: [machine1, Harness.node("machine2")]),
        single("verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
               pod("p", labels: podLabel),
               existing: [pod("e", labels: podLabel, node: "machine1", affinity(anti: [term(inSecurityscan, "zone")]))], want: existingAntiAffinity),
        single("verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod",
               pod("p", labels: podLabel),
               existing: [pod("e", labels: podLabel, node: "machine1", affinity(anti: [term("{key: service, operator: NotIn, values: [securityscan, value2]}", "zone")]))]),
        single("satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
               pod("p", labels: podLabel, affinity(anti: [term("{key: service, operator: Exists}", "region"), term("{key: security, operator: Exists}", "region")])),
               existing: [pod("e", labels: podLabel2, node: "machine1", affinity(anti: [term("{key: security, operator: Exists}", "zone")]))],
               want: antiAffinityRules),
        single("PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms",
               pod("p", labels: podLabel, affinity(anti: [term("{key: service, operator: Exists}", "zone"), term("{key: security, operator: Exists}", "zone")])),
               existing: [pod("e", labels: podLabel2, node: "machine1", affinity(anti: [term("{key: security, operator: Exists}", "zone")]))],
               want: antiAffinityRules),
        single("PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms",
               pod("p", labels: podLabel2, affinity(anti: [term("{key: security, operator: Exists}", "zone")])),
               existing: [pod("e", labels: podLabel, node: "machine1", affinity(anti: [term("{key: service, operator: Exists}", "zone"), term("{key: security, operator: Exists}", "zone")]))],
               want: existingAntiAffinity),
        single("PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms",
               pod("p", labels: ["abc": "", "xyz": ""], affinity(anti: [term("{key: abc, operator: Exists}", "zone"), term("{key: def, operator: Exists}", "zone")])),
               existing: [pod("e", labels: ["def": "", "xyz": ""], node: "machine1", affinity(anti: [term("{key: abc, operator: Exists}", "zone"), term("{key: def, operator: Exists}", "zone")]))],
               want: antiAffinityRules),
        single("PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms",
               pod("p", labels: ["def": "", "xyz": ""], affinity(anti: [term("{key: abc, operator: Exists}", "zone"), term("{key: def, operator: Exists}", "zone")])),
               existing: [pod("e", labels: ["abc": "", "xyz": ""], node: "machine1", affinity(anti: [term("{key: abc, operator: Exists}", "zone"), term("{key: def, operator: Exists}", "zone")]))],
               want: antiAffinityRules),
    ]

    @Test(arguments: singleNodeCases)
    func requiredAffinitySingleNode(_ c: FilterCase) throws {
        // machine2, where some rows put a pod that machine1's filter must see, is not asked.
        let got = try Harness.filter(InterPodAffinity(), c).filter { $0.key == "machine1" }
        #expect(got == c.want)
    }

    static func multi(_ name: String, _ objects: [String], want: [String: Status] = [:]) -> FilterCase {
        FilterCase("TestRequiredAffinityMultipleNodes: \"\(name)\"", objects, want: want)
    }
    static let rgChina = ["region": "China"], rgChinaAzAz1 = ["region": "China", "az": "az1"], rgIndia = ["region": "India"]
    static let abA = Harness.node("nodeA", labels: ["region": "r1", "zone": "z1", "hostname": "nodeA"])
    static let abBSameZone = Harness.node("nodeB", labels: ["region": "r1", "zone": "z1", "hostname": "nodeB"])
    static let abBOtherZone = Harness.node("nodeB", labels: ["region": "r1", "zone": "z2", "hostname": "nodeB"])
    static let fooBarAndSecurityscan = affinity(required: [term("{key: foo, operator: In, values: [bar]}", "zone"),
                                                           term("{key: service, operator: In, values: [securityscan]}", "zone")])

    static let multipleNodeCases: [FilterCase] = [
        multi("A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules",
              [Harness.node("machine1", labels: rgChina), Harness.node("machine2", labels: rgChinaAzAz1), Harness.node("machine3", labels: rgIndia),
               pod("p1", labels: ["foo": "bar"], node: "machine1"),
               pod("p", labels: [:], affinity(required: [term("{key: foo, operator: In, values: [bar]}", "region")]))],
              want: ["machine3": affinityRules]),
        multi("The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
              [Harness.node("nodeA", labels: ["zone": "az1", "hostname": "h1"]), Harness.node("nodeB", labels: ["zone": "az2", "hostname": "h2"]),
               pod("p1", labels: ["foo": "bar"], node: "nodeA"),
               pod("p", labels: ["foo": "bar", "service": "securityscan"], fooBarAndSecurityscan)]),
        multi("The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys",
              [Harness.node("nodeA", labels: ["zoneLabel": "az1", "hostname": "h1"]), Harness.node("nodeB", labels: ["zoneLabel": "az2", "hostname": "h2"]),
               pod("p1", labels: ["foo": "bar"], node: "nodeA"),
               pod("p", labels: ["foo": "bar", "service": "securityscan"], fooBarAndSecurityscan)],
              want: ["nodeA": affinityRules, "nodeB": affinityRules]),
        multi("NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.",
              [Harness.node("nodeA", labels: ["region": "r1", "hostname": "nodeA"]), Harness.node("nodeB", labels: ["region": "r1", "hostname": "nodeB"]),
               pod("e", labels: ["foo": "abc"], node: "nodeA"),
               pod("p", labels: [:], affinity(anti: [term("{key: foo, operator: In, values: [abc]}", "region")]))],
              want: ["nodeA": antiAffinityRules, "nodeB": antiAffinityRules]),
        multi("This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.",
              [abA, abBOtherZone, pod("e", labels: ["foo": "abc", "service": "securityscan"], node: "nodeA"),
               pod("p", labels: [:], affinity(anti: [term("{key: foo, operator: In, values: [abc]}", "region"),
                                                     term("{key: service, operator: In, values: [securityscan]}", "zone")]))],
              want: ["nodeA": antiAffinityRules, "nodeB": antiAffinityRules]),
        multi("NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC",
              [Harness.node("nodeA", labels: rgChina), Harness.node("nodeB", labels: rgChinaAzAz1), Harness.node("nodeC", labels: rgIndia),
               pod("e", labels: ["foo": "abc"], node: "nodeA"),
               pod("p", labels: [:], affinity(anti: [term("{key: foo, operator: In, values: [abc]}", "region")]))],
              want: ["nodeA": antiAffinityRules, "nodeB": antiAffinityRules]),
        multi("NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)",
              [Harness.node("nodeA", labels: rgChina), Harness.node("nodeB", labels: rgChinaAzAz1), Harness.node("nodeC", labels: rgIndia),
               pod("e1", labels: ["foo": "bar"], node: "nodeA", namespace: "NS1"),
               pod("e2", labels: [:], node: "nodeC", namespace: "NS2", affinity(anti: [term("{key: foo, operator: In, values: [\"123\"]}", "region")])),
               pod("p", labels: ["foo": "123"], namespace: "NS1", affinity(anti: [term("{key: foo, operator: In, values: [bar]}", "region")]))],
              want: ["nodeA": antiAffinityRules, "nodeB": antiAffinityRules]),
        multi("Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
              [abA, abBSameZone, pod("e", labels: [:], node: "nodeA", affinity(anti: [term("{key: foo, operator: Exists}", "invalid-node-label")])),
               pod("p", labels: ["foo": ""])]),
        multi("Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
              [abA, abBSameZone, pod("e", labels: ["foo": ""], node: "nodeA"),
               pod("p", labels: [:], affinity(anti: [term("{key: foo, operator: Exists}", "invalid-node-label")]))]),
        multi("Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
              [abA, abBOtherZone,
               pod("e1", labels: [:], node: "nodeA", affinity(anti: [term("{key: foo, operator: Exists}", "zone")])),
               pod("e2", labels: [:], node: "nodeA", affinity(anti: [term("{key: bar, operator: Exists}", "region")])),
               pod("p", labels: ["foo": "", "bar": ""])],
              want: ["nodeA": existingAntiAffinity, "nodeB": existingAntiAffinity]),
        multi("Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
              [abA, abBOtherZone, pod("e1", labels: ["foo": ""], node: "nodeA"), pod("e2", labels: ["bar": ""], node: "nodeB"),
               pod("p", labels: [:], affinity(anti: [term("{key: foo, operator: Exists}", "zone"), term("{key: bar, operator: Exists}", "region")]))],
              want: ["nodeA": antiAffinityRules, "nodeB": antiAffinityRules]),
        multi("Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
              [abA, abBOtherZone,
               pod("e", labels: [:], node: "nodeA", affinity(anti: [term("{key: foo, operator: Exists}", "invalid-node-label"), term("{key: bar, operator: Exists}", "zone")])),
               pod("p", labels: ["foo": "", "bar": ""])],
              want: ["nodeA": existingAntiAffinity]),
    ]

    @Test(arguments: multipleNodeCases)
    func requiredAffinityMultipleNodes(_ c: FilterCase) throws {
        #expect(try Harness.filter(InterPodAffinity(), c) == c.want)
    }

    // `scoring_test.go`, `TestPreferredAffinity`.
    struct ScoreCase: Sendable, CustomTestStringConvertible {
        var name: String
        var objects: [String]
        var want: [String: Int64]
        var testDescription: String { name }
    }
    static let s1 = ["security": "S1"], s2 = ["security": "S2"]
    static let rgChinaAzAz1Score = ["region": "China", "az": "az1"], azAz1 = ["az": "az1"], azAz2 = ["az": "az2"]
    static func preferred(_ kind: String, weight: Int, _ exprs: String, _ key: String) -> String {
        "affinity:\n  \(kind):\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: \(weight)\n      podAffinityTerm:\n        labelSelector: {matchExpressions: [\(exprs)]}\n        topologyKey: \(key)"
    }
    static let stayWithS1InRegion = preferred("podAffinity", weight: 5, "{key: security, operator: In, values: [S1]}", "region")
    static let stayWithS2InRegion = preferred("podAffinity", weight: 6, "{key: security, operator: In, values: [S2]}", "region")
    static let awayFromS1InAz = preferred("podAntiAffinity", weight: 5, "{key: security, operator: In, values: [S1]}", "az")
    static let hardAffinity = affinity(required: [term("{key: security, operator: In, values: [S1, value2]}", "region"),
                                                  term("{key: security, operator: Exists}, {key: wrongkey, operator: DoesNotExist}", "region")])
    static func score(_ name: String, _ objects: [String], _ want: [String: Int64]) -> ScoreCase {
        ScoreCase(name: "TestPreferredAffinity: \"\(name)\"", objects: objects, want: want)
    }

    static let scoreCases: [ScoreCase] = [
        score("all machines are same priority as Affinity is nil",
              [Harness.node("machine1", labels: rgChina), Harness.node("machine2", labels: rgIndia), Harness.node("machine3", labels: azAz1), pod("p", labels: s1)],
              ["machine1": 0, "machine2": 0, "machine3": 0]),
        score("Affinity: pod that matches topology key & pods in nodes will get high score comparing to otherswhich doesn't match either pods in nodes or in topology key",
              [Harness.node("machine1", labels: rgChina), Harness.node("machine2", labels: rgIndia), Harness.node("machine3", labels: azAz1),
               pod("e1", labels: s1, node: "machine1"), pod("e2", labels: s2, node: "machine2"), pod("e3", labels: s1, node: "machine3"),
               pod("p", labels: s1, stayWithS1InRegion)],
              ["machine1": 100, "machine2": 0, "machine3": 0]),
        score("All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score",
              [Harness.node("machine1", labels: rgChina), Harness.node("machine2", labels: rgChinaAzAz1Score), Harness.node("machine3", labels: rgIndia),
               pod("e1", labels: s1, node: "machine1"), pod("p", labels: [:], stayWithS1InRegion)],
              ["machine1": 100, "machine2": 100, "machine3": 0]),
        score("Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
              [Harness.node("machine1", labels: rgChina), Harness.node("machine2", labels: rgIndia), Harness.node("machine3", labels: azAz1),
               pod("e1", labels: s1, node: "machine1", stayWithS1InRegion), pod("e2", labels: s2, node: "machine2", stayWithS2InRegion),
               pod("p", labels: s2)],
              ["machine1": 0, "machine2": 100, "machine3": 0]),
        score("Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
              [Harness.node("machine1", labels: rgChina), Harness.node("machine2", labels: rgIndia), Harness.node("machine3", labels: azAz1),
               pod("e1", labels: s1, node: "machine1", hardAffinity), pod("e2", labels: s2, node: "machine2", hardAffinity),
               pod("p", labels: s1)],
              ["machine1": 100, "machine2": 100, "machine3": 0]),
        score("Anti Affinity: pod that doesnot match existing pods in node will get high score ",
              [Harness.node("machine1", labels: azAz1), Harness.node("machine2", labels: rgChina),
               pod("e1", labels: s1, node: "machine1"), pod("e2", labels: s2, node: "machine2"), pod("p", labels: s1, awayFromS1InAz)],
              ["machine1": 0, "machine2": 100]),
        score("Anti Affinity: pod that does not matches topology key & matches the pods in nodes will get higher score comparing to others ",
              [Harness.node("machine1", labels: azAz1), Harness.node("machine2", labels: rgChina),
               pod("e1", labels: s1, node: "machine1"), pod("e2", labels: s1, node: "machine2"), pod("p", labels: s1, awayFromS1InAz)],
              ["machine1": 0, "machine2": 100]),
        score("Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmacthes will get high score",
              [Harness.node("machine1", labels: azAz1), Harness.node("machine2", labels: rgIndia),
               pod("e1", labels: s1, node: "machine1"), pod("e2", labels: s1, node: "machine1"), pod("e3", labels: s2, node: "machine2"),
               pod("p", labels: s1, awayFromS1InAz)],
              ["machine1": 0, "machine2": 100]),
    ]

    @Test(arguments: scoreCases)
    func preferredAffinityScore(_ c: ScoreCase) throws {
        #expect(try Harness.scores(InterPodAffinity(), c.objects) == c.want)
    }

    /// Upstream's `NormalizeScore` starts both `minCount` and `maxCount` at 0, so positive
    /// scores are scaled from 0 (China's 24 → 100, India's 12 → 50), not from the lowest score.
    static let zeroAnchoredCases: [ScoreCase] = [
        score("Affinity: nodes in one region has more matching pods comparing to other reqion, so the region which has more macthes will get high score",
              [Harness.node("machine1", labels: rgChina), Harness.node("machine2", labels: rgIndia), Harness.node("machine3", labels: rgChina),
               Harness.node("machine4", labels: rgChina), Harness.node("machine5", labels: rgIndia),
               pod("e1", labels: s2, node: "machine1"), pod("e2", labels: s2, node: "machine1"), pod("e3", labels: s2, node: "machine2"),
               pod("e4", labels: s2, node: "machine3"), pod("e5", labels: s2, node: "machine4"), pod("e6", labels: s2, node: "machine5"),
               pod("p", labels: s1, stayWithS2InRegion)],
              ["machine1": 100, "machine2": 50, "machine3": 100, "machine4": 100, "machine5": 50]),
        score("model: every feasible node positive and equal scores MaxNodeScore, as upstream's 0-anchored range gives",
              [Harness.node("machine1", labels: rgChina), Harness.node("machine2", labels: rgChina),
               pod("e1", labels: s1, node: "machine1"), pod("p", labels: s1, stayWithS1InRegion)],
              ["machine1": 100, "machine2": 100]),
    ]

    @Test(
          arguments: zeroAnchoredCases)
    func preferredAffinityScoreFromZero(_ c: ScoreCase) throws {
        #expect(try Harness.scores(InterPodAffinity(), c.objects) == c.want)
    }

    /// End to end: required anti-affinity on the hostname spreads replicas one per node; the
    /// extra replica's message and preemption verdict are upstream's (anti-affinity is
    /// Unschedulable, so preemption is tried and finds no victims of lower priority).
    @Test func antiAffinityOnePerNode() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.node("n2"),
                                    Fixture.deployment("web", replicas: 3, spec: """
                                        affinity:
                                          podAntiAffinity:
                                            requiredDuringSchedulingIgnoredDuringExecution:
                                            - labelSelector: {matchLabels: {app: web}}
                                              topologyKey: kubernetes.io/hostname
                                        """))
        #expect(Set(s.live("Deployment", "web").compactMap { s.nodeName(ofPod: $0) }) == ["n1", "n2"])
        let p = try #require(s.pendingPods("Deployment", "web").first)
        #expect(s.pendingReasons[p] == "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.")
    }
}
