import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// kube-scheduler's filters, through `settle()`: where pods land and why they do not.
@Suite struct SchedulerFilterTests {
    @Test func podFitsOnNodeWithRoom() throws {
        let s = try Fixture.settled(Fixture.node("small", cpu: "200m"), Fixture.node("big", cpu: "4"),
                                    Fixture.deployment("web", replicas: 2, cpu: "500m"))
        let pods = s.live("Deployment", "web")
        #expect(pods.count == 2)
        #expect(pods.allSatisfy { s.nodeName(ofPod: $0) == "big" })
        #expect(s.nodes[s.nodeIndex["big"]!].requested.milliCPU == 1000)
        #expect(s.nodes[s.nodeIndex["small"]!].requested.milliCPU == 0)
    }

    @Test func insufficientMemoryReasonText() throws {
        let s = try Fixture.settled(Fixture.node("n1", memory: "1Gi"), Fixture.node("n2", memory: "1Gi"),
                                    Fixture.node("n3", memory: "1Gi"), Fixture.deployment("big", memory: "2Gi"))
        let pending = s.pendingPods("Deployment", "big")
        #expect(pending.count == 1)
        #expect(pending.first.flatMap { s.pendingReasons[$0] } == "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")
    }

    @Test func reasonsAreCountedPerNode() throws {
        // One node lacks memory, two lack the selector label.
        let s = try Fixture.settled(Fixture.node("n1", memory: "1Gi", labels: ["disk": "ssd"]), Fixture.node("n2"), Fixture.node("n3"),
                                    Fixture.deployment("big", memory: "2Gi", spec: "nodeSelector: {disk: ssd}"))
        let reason = s.pendingPods("Deployment", "big").first.flatMap { s.pendingReasons[$0] }
        #expect(reason == "0/3 nodes are available: 1 Insufficient memory, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.")
    }

    @Test func nodeSelector() throws {
        let s = try Fixture.settled(Fixture.node("a"), Fixture.node("b", labels: ["disk": "ssd"]), Fixture.node("c"),
                                    Fixture.deployment("db", replicas: 3, spec: "nodeSelector: {disk: ssd}"))
        #expect(s.live("Deployment", "db").map { s.nodeName(ofPod: $0) } == ["b", "b", "b"])
    }

    @Test func nodeSelectorMatchingNoNodeStaysPending() throws {
        let s = try Fixture.settled(Fixture.node("a"), Fixture.deployment("db", spec: "nodeSelector: {disk: nvme}"))
        #expect(s.scheduled("Deployment", "db") == 0)
        #expect(s.pendingPods("Deployment", "db").first.flatMap { s.pendingReasons[$0] }?.contains("didn't match Pod's node affinity/selector") == true)
    }

    func affinity(_ op: String, values: [String]? = nil) -> String {
        let v = values.map { "\n          values: [\($0.joined(separator: ", "))]" } ?? ""
        return """
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                  - matchExpressions:
                    - key: zone
                      operator: \(op)\(v)
            """
    }

    func zonedNodes() -> [String] {
        [Fixture.node("a", labels: ["zone": "z1"]), Fixture.node("b", labels: ["zone": "z2"]), Fixture.node("c")]
    }

    func nodesUsed(_ spec: String) throws -> Set<String> {
        let s = try Fixture.settled(([Fixture.deployment("web", replicas: 6, spec: spec)] + zonedNodes()).joined(separator: "\n---\n"))
        #expect(s.scheduled("Deployment", "web") == 6 || spec.contains("nomatch"))
        return Set(s.live("Deployment", "web").compactMap { s.nodeName(ofPod: $0) })
    }

    @Test func requiredNodeAffinityIn() throws {
        #expect(try nodesUsed(affinity("In", values: ["z1"])) == ["a"])
    }

    @Test func requiredNodeAffinityNotIn() throws {
        // NotIn matches nodes without the label too.
        #expect(try nodesUsed(affinity("NotIn", values: ["z1"])) == ["b", "c"])
    }

    @Test func requiredNodeAffinityExists() throws {
        #expect(try nodesUsed(affinity("Exists")) == ["a", "b"])
    }

    @Test func requiredNodeAffinityNoMatchStaysPending() throws {
        #expect(try nodesUsed(affinity("In", values: ["nomatch"])) == [])
    }

    static let dedicatedTaint = "- {key: dedicated, value: gpu, effect: NoSchedule}"

    @Test func taintWithoutTolerationIsRejected() throws {
        let s = try Fixture.settled(Fixture.node("tainted", taints: Self.dedicatedTaint), Fixture.deployment("web"))
        #expect(s.scheduled("Deployment", "web") == 0)
        #expect(s.pendingPods("Deployment", "web").first.flatMap { s.pendingReasons[$0] }
                == "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.")
    }

    @Test func taintWithMatchingTolerationIsAccepted() throws {
        let s = try Fixture.settled(Fixture.node("tainted", taints: Self.dedicatedTaint),
                                    Fixture.deployment("web", spec: "tolerations:\n- {key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}"))
        #expect(s.scheduled("Deployment", "web") == 1)
    }

    @Test func tolerationWithWrongValueIsRejected() throws {
        let s = try Fixture.settled(Fixture.node("tainted", taints: Self.dedicatedTaint),
                                    Fixture.deployment("web", spec: "tolerations:\n- {key: dedicated, operator: Equal, value: cpu, effect: NoSchedule}"))
        #expect(s.scheduled("Deployment", "web") == 0)
    }

    @Test func emptyKeyExistsToleratesEverything() throws {
        let taints = """
            - {key: dedicated, value: gpu, effect: NoSchedule}
            - {key: other, effect: NoExecute}
            """
        let s = try Fixture.settled(Fixture.node("tainted", taints: taints),
                                    Fixture.deployment("web", spec: "tolerations:\n- operator: Exists"))
        #expect(s.scheduled("Deployment", "web") == 1)
    }

    @Test func preferNoScheduleTaintDoesNotFilter() throws {
        let s = try Fixture.settled(Fixture.node("soft", taints: "- {key: x, effect: PreferNoSchedule}"), Fixture.deployment("web"))
        #expect(s.scheduled("Deployment", "web") == 1)
    }

    @Test func cordonedNodeIsSkipped() throws {
        let s = try Fixture.settled(Fixture.node("cordoned", cpu: "8", unschedulable: true), Fixture.node("open", cpu: "1"),
                                    Fixture.deployment("web", replicas: 2))
        #expect(s.live("Deployment", "web").allSatisfy { s.nodeName(ofPod: $0) == "open" })
        #expect(s.scheduled("Deployment", "web") == 2)
    }

    @Test func onlyCordonedNodeGivesUnschedulableReason() throws {
        let s = try Fixture.settled(Fixture.node("cordoned", unschedulable: true), Fixture.deployment("web"))
        #expect(s.pendingPods("Deployment", "web").first.flatMap { s.pendingReasons[$0] }
                == "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.")
    }

    @Test func notReadyNodeIsSkipped() throws {
        let s = try Fixture.settled(Fixture.node("down", cpu: "8", ready: false), Fixture.node("up", cpu: "1"),
                                    Fixture.deployment("web", replicas: 2))
        #expect(s.live("Deployment", "web").allSatisfy { s.nodeName(ofPod: $0) == "up" })
        #expect(s.scheduled("Deployment", "web") == 2)
    }

    @Test func hostPortConflictKeepsSecondPodOff() throws {
        let port = "ports:\n- {containerPort: 80, hostPort: 8080}"
        let s = try Fixture.settled(Fixture.node("only"), Fixture.deployment("proxy", replicas: 2, container: port))
        #expect(s.scheduled("Deployment", "proxy") == 1)
        #expect(s.pendingPods("Deployment", "proxy").first.flatMap { s.pendingReasons[$0] }
                == "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")
    }

    @Test func hostPortPodsSpreadOverNodes() throws {
        let port = "ports:\n- {containerPort: 80, hostPort: 8080}"
        let s = try Fixture.settled(Fixture.node("a"), Fixture.node("b"), Fixture.deployment("proxy", replicas: 2, container: port))
        #expect(Set(s.live("Deployment", "proxy").compactMap { s.nodeName(ofPod: $0) }) == ["a", "b"])
    }

    @Test func differentHostPortsShareANode() throws {
        let s = try Fixture.settled(Fixture.node("only"),
                                    Fixture.deployment("a", container: "ports:\n- {containerPort: 80, hostPort: 8080}"),
                                    Fixture.deployment("b", container: "ports:\n- {containerPort: 80, hostPort: 8081}"))
        #expect(s.scheduled("Deployment", "a") == 1)
        #expect(s.scheduled("Deployment", "b") == 1)
    }

    @Test func podsPerNodeLimit() throws {
        let s = try Fixture.settled(Fixture.node("tiny", pods: 2), Fixture.deployment("web", replicas: 3))
        #expect(s.scheduled("Deployment", "web") == 2)
        #expect(s.pendingPods("Deployment", "web").first.flatMap { s.pendingReasons[$0] }
                == "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")
    }

    @Test func topologySpreadDoNotScheduleAcrossZones() throws {
        // zone a has a big node, zone b a node with room for one pod. Without the constraint
        // all four pods fit; with maxSkew 1 zone a can hold only one more than zone b (1): 2.
        let spread = """
            topologySpreadConstraints:
            - maxSkew: 1
              topologyKey: topology.kubernetes.io/zone
              whenUnsatisfiable: DoNotSchedule
              labelSelector: {matchLabels: {app: web}}
            """
        let nodes = [Fixture.node("a1", cpu: "8", labels: ["topology.kubernetes.io/zone": "a"]),
                     Fixture.node("b1", cpu: "1", labels: ["topology.kubernetes.io/zone": "b"])]
        let spreadState = try Fixture.settled((nodes + [Fixture.deployment("web", replicas: 4, cpu: "600m", spec: spread)]).joined(separator: "\n---\n"))
        #expect(spreadState.scheduled("Deployment", "web") == 3)
        let zones = spreadState.live("Deployment", "web").compactMap { spreadState.nodeName(ofPod: $0) }.sorted()
        #expect(zones == ["a1", "a1", "b1"])
        let reason = spreadState.pendingPods("Deployment", "web").first.flatMap { spreadState.pendingReasons[$0] } ?? ""
        #expect(reason.contains("didn't match pod topology spread constraints"), "\(reason)")

        let free = try Fixture.settled((nodes + [Fixture.deployment("web", replicas: 4, cpu: "600m")]).joined(separator: "\n---\n"))
        #expect(free.scheduled("Deployment", "web") == 4)
    }

    @Test func scheduleAnywayDoesNotFilter() throws {
        let spread = """
            topologySpreadConstraints:
            - maxSkew: 1
              topologyKey: topology.kubernetes.io/zone
              whenUnsatisfiable: ScheduleAnyway
              labelSelector: {matchLabels: {app: web}}
            """
        let s = try Fixture.settled(Fixture.node("a1", cpu: "8", labels: ["topology.kubernetes.io/zone": "a"]),
                                    Fixture.node("b1", cpu: "1", labels: ["topology.kubernetes.io/zone": "b"]),
                                    Fixture.deployment("web", replicas: 4, cpu: "600m", spec: spread))
        #expect(s.scheduled("Deployment", "web") == 4)
    }
}
