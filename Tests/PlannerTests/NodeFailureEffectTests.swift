import Testing
import Fixtures
import KubeModel
@testable import Simulation
@testable import Planner

/// `Effects.apply(.nodeFailure)`: evictions after the unreachable toleration, and which
/// controllers replace what.
@Suite struct NodeFailureEffectTests {
    /// A pod of the snapshot bound to `node`, owned by `ownerKind/ownerName`, with the same
    /// spec as the fixtures' templates (so it is of the current revision).
    static func boundPod(_ name: String, node: String, app: String, ownerKind: String, ownerName: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(name)
          namespace: default
          labels: {app: \(app)}
          ownerReferences: [{apiVersion: apps/v1, kind: \(ownerKind), name: \(ownerName), controller: true}]
        spec:
          nodeName: \(node)
        \(Fixture.indent(Fixture.podSpec(), 2))
        status:
          phase: Running
          conditions: [{type: Ready, status: "True"}]
        """
    }

    static let daemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: default}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
        \(Fixture.indent(Fixture.podSpec(), 6))
        """

    static let statefulSet = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: default}
        spec:
          replicas: 1
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
        \(Fixture.indent(Fixture.podSpec(), 6))
        """

    func state(otherNodesCPU: String = "4") throws -> SimState {
        var s = try Fixture.settled(
            Fixture.node("n1"), Fixture.node("n2", cpu: otherNodesCPU), Fixture.node("n3", cpu: otherNodesCPU),
            Fixture.deployment("web", replicas: 2),
            Self.boundPod("web-5d8f-a", node: "n1", app: "web", ownerKind: "ReplicaSet", ownerName: "web-5d8f"),
            Self.boundPod("web-5d8f-b", node: "n1", app: "web", ownerKind: "ReplicaSet", ownerName: "web-5d8f"),
            Self.statefulSet,
            Self.boundPod("db-0", node: "n1", app: "db", ownerKind: "StatefulSet", ownerName: "db"),
            Self.daemonSet)
        s.markSettled()
        return s
    }

    @Test func startsWithEverythingOnN1() throws {
        let s = try state()
        #expect(s.live("Deployment", "web").map { s.nodeName(ofPod: $0) } == ["n1", "n1"])
        #expect(s.live("StatefulSet", "db").map { s.nodeName(ofPod: $0) } == ["n1"])
        #expect(s.live("DaemonSet", "agent").count == 3)
    }

    @Test func deploymentPodsAreEvictedAndRescheduled() throws {
        var s = try state()
        let result = Effects.apply(.nodeFailure(node: "n1"), to: &s)
        #expect(result == "n1 NotReady after 40 s; 2 pods evicted at 340 s", "\(result)")
        let web = s.live("Deployment", "web")
        #expect(web.count == 2)
        #expect(web.allSatisfy { s.pods[$0].isReady })
        #expect(Set(web.compactMap { s.nodeName(ofPod: $0) }).isSubset(of: ["n2", "n3"]))
        #expect(s.events.contains(.evicted(pod: "web-5d8f-a", owner: s.index("Deployment", "web"), node: "n1")))
        #expect(s.clock == 340)
    }

    @Test func daemonSetPodStaysOnTheFailedNode() throws {
        var s = try state()
        _ = Effects.apply(.nodeFailure(node: "n1"), to: &s)
        let agents = s.live("DaemonSet", "agent")
        #expect(agents.count == 3)
        let onN1 = agents.filter { s.nodeName(ofPod: $0) == "n1" }
        #expect(onN1.count == 1)
        #expect(onN1.allSatisfy { !s.pods[$0].isReady })
    }

    @Test func statefulSetPodIsNotReplaced() throws {
        var s = try state()
        _ = Effects.apply(.nodeFailure(node: "n1"), to: &s)
        let db = s.live("StatefulSet", "db")
        #expect(db.count == 1)
        #expect(db.map { s.nodeName(ofPod: $0) } == ["n1"])
        #expect(db.allSatisfy { !s.pods[$0].isReady })
    }

    @Test func noRoomLeavesReplacementsPending() throws {
        // The other nodes have 50m of CPU: the 100m replacements fit nowhere.
        var s = try state(otherNodesCPU: "50m")
        // The DaemonSet's pods for n2 and n3 do not fit either: 2 pending before the fault.
        let before = s.pendingCount
        #expect(before == 2)
        let result = Effects.apply(.nodeFailure(node: "n1"), to: &s)
        #expect(result.hasSuffix(", \(before + 2) pending"), "\(result)")
        #expect(s.scheduled("Deployment", "web") == 0)
        #expect(s.live("Deployment", "web").count == 2)
    }

    @Test func unreachableTolerationWithoutSecondsKeepsThePod() throws {
        var s = try Fixture.settled(Fixture.node("n1"), Fixture.node("n2"),
                                    Fixture.pod("pinned", nodeName: "n1", spec: "tolerations:\n- {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute}"))
        s.markSettled()
        let result = Effects.apply(.nodeFailure(node: "n1"), to: &s)
        #expect(result.contains("0 pods evicted"), "\(result)")
        #expect(s.live("Pod", "pinned").map { s.nodeName(ofPod: $0) } == ["n1"])
    }

    @Test func drainRespectsDisruptionBudget() throws {
        var s = try Fixture.settled(Fixture.node("n1"), Fixture.node("n2"),
            Fixture.deployment("web", replicas: 2),
            NodeFailureEffectTests.boundPod("web-5d8f-a", node: "n1", app: "web", ownerKind: "ReplicaSet", ownerName: "web-5d8f"),
            NodeFailureEffectTests.boundPod("web-5d8f-b", node: "n1", app: "web", ownerKind: "ReplicaSet", ownerName: "web-5d8f"),
            "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: default}\nspec:\n  minAvailable: 2\n  selector: {matchLabels: {app: web}}")
        s.markSettled()
        let result = Effects.apply(.nodeDrain(node: "n1"), to: &s)
        #expect(result.hasPrefix("drain of n1 blocked by PodDisruptionBudgets for"), "\(result)")
        #expect(s.live("Deployment", "web").filter { s.nodeName(ofPod: $0) == "n1" }.count == 2)
    }
}
