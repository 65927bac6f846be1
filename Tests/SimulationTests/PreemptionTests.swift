import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// DefaultPreemption: a pending pod of higher priority evicts the fewest, least important
/// pods that make room; priority comes from PriorityClasses as the admission plugin resolves it.
@Suite struct PreemptionTests {
    static let classes = [Fixture.priorityClass("low", value: 10), Fixture.priorityClass("mid", value: 100),
                          Fixture.priorityClass("high", value: 1000),
                          Fixture.priorityClass("polite", value: 1000, preemptionPolicy: "Never")]

    func state(_ docs: [String]) throws -> SimState {
        try Fixture.settled((Self.classes + docs).joined(separator: "\n---\n"))
    }

    func victims(_ s: SimState) -> [String] {
        s.events.compactMap { if case .preempted(let v, _, _, _, _, _) = $0 { v } else { nil } }
    }

    @Test func highPriorityPreemptsTheLowestPriorityPod() throws {
        // The node (1 CPU) is full with a low and a mid pod; the new pod needs 500m.
        let s = try state([
            Fixture.node("n1", cpu: "1"),
            Fixture.pod("p-low", nodeName: "n1", cpu: "500m", spec: "priorityClassName: low"),
            Fixture.pod("p-mid", nodeName: "n1", cpu: "500m", spec: "priorityClassName: mid"),
            Fixture.deployment("urgent", cpu: "500m", spec: "priorityClassName: high"),
        ])
        #expect(victims(s) == ["p-low"])
        #expect(s.scheduled("Deployment", "urgent") == 1)
        #expect(s.live("Pod", "p-mid").count == 1)
        #expect(s.live("Pod", "p-low").isEmpty)
    }

    @Test func onlyAsManyVictimsAsNeeded() throws {
        // Three low pods of 300m on a 1-CPU node (100m free); the new pod needs 400m. Reprieve
        // goes to the most important first (equal priority: the older), so only the newest, c, goes.
        let s = try state([
            Fixture.node("n1", cpu: "1"),
            Fixture.pod("a", nodeName: "n1", cpu: "300m", spec: "priorityClassName: low"),
            Fixture.pod("b", nodeName: "n1", cpu: "300m", spec: "priorityClassName: low"),
            Fixture.pod("c", nodeName: "n1", cpu: "300m", spec: "priorityClassName: low"),
            Fixture.deployment("urgent", cpu: "400m", spec: "priorityClassName: high"),
        ])
        #expect(victims(s) == ["c"])
        #expect(s.scheduled("Deployment", "urgent") == 1)
    }

    @Test func picksTheNodeWithFewestVictims() throws {
        // n1 would need both of its 500m pods gone; n2 only its one 1-CPU pod. Same priority,
        // so the smaller priority sum (fewer victims) decides: n2.
        let s = try state([
            Fixture.node("n1", cpu: "1"), Fixture.node("n2", cpu: "1"),
            Fixture.pod("a1", nodeName: "n1", cpu: "500m", spec: "priorityClassName: low"),
            Fixture.pod("a2", nodeName: "n1", cpu: "500m", spec: "priorityClassName: low"),
            Fixture.pod("b1", nodeName: "n2", cpu: "1", spec: "priorityClassName: low"),
            Fixture.deployment("urgent", cpu: "800m", spec: "priorityClassName: high"),
        ])
        #expect(victims(s) == ["b1"])
        #expect(s.live("Deployment", "urgent").map { s.nodeName(ofPod: $0) } == ["n2"])
    }

    @Test func picksTheNodeWithLowerPriorityVictims() throws {
        // One victim either way: the mid pod on n1 or the low pod on n2. Lowest highest-victim
        // priority wins: n2.
        let s = try state([
            Fixture.node("n1", cpu: "1"), Fixture.node("n2", cpu: "1"),
            Fixture.pod("m", nodeName: "n1", cpu: "1", spec: "priorityClassName: mid"),
            Fixture.pod("l", nodeName: "n2", cpu: "1", spec: "priorityClassName: low"),
            Fixture.deployment("urgent", cpu: "500m", spec: "priorityClassName: high"),
        ])
        #expect(victims(s) == ["l"])
        #expect(s.live("Deployment", "urgent").map { s.nodeName(ofPod: $0) } == ["n2"])
    }

    static func budget(_ app: String, minAvailable: Int) -> String {
        """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: \(app)
          namespace: default
        spec:
          minAvailable: \(minAvailable)
          selector:
            matchLabels:
              app: \(app)
        """
    }

    /// Victims stay on their node until the kubelet has stopped them (their grace period), and
    /// the other replicas are tried meanwhile (`prepareCandidate` deletes them gracefully;
    /// the scheduler's cache keeps them): the second replica sees the first one's victim still
    /// there and the first replica's room held by its nomination, so it evicts two more. The
    /// real v1.20 scheduler did exactly this (Tests/Differential, seed 1 #69).
    @Test func victimsHoldTheirRoomUntilThePassEnds() throws {
        let s = try state([
            Fixture.node("n1", cpu: "7750m"),
            Fixture.pod("a0", nodeName: "n1", cpu: "3", labels: ["app": "a"], spec: "priorityClassName: low"),
            Fixture.pod("a1", nodeName: "n1", cpu: "3", labels: ["app": "a"], spec: "priorityClassName: low"),
            Fixture.pod("b0", nodeName: "n1", cpu: "1700m", labels: ["app": "b"], spec: "priorityClassName: low"),
            Self.budget("a", minAvailable: 1), Self.budget("b", minAvailable: 1),
            Fixture.deployment("urgent", replicas: 2, cpu: "2", spec: "priorityClassName: mid"),
        ])
        // First replica: a0 alone makes room (the only victim its budget allows). Second: a0
        // is still there, a's budget now allows nothing (a0 is going), and reprieving the most
        // important first keeps a0 and takes a1 and b0.
        #expect(victims(s) == ["a0", "a1", "b0"])
        #expect(s.scheduled("Deployment", "urgent") == 2)
    }

    /// A pod nominated to a node counts there for its siblings' filters, PreFilter state
    /// included (`addNominatedPods`): a replica with required hostname anti-affinity against
    /// its siblings cannot use the node the first replica was nominated to, and evicting more
    /// pods there would not help it (seed 1 #74 against the real scheduler: one victim).
    @Test func nominatedSiblingBlocksFurtherPreemption() throws {
        let anti = """
            priorityClassName: high
            nodeSelector:
              disk: ssd
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                - labelSelector:
                    matchLabels:
                      app: cache
                  topologyKey: kubernetes.io/hostname
            """
        let s = try state([
            Fixture.node("n1", cpu: "1900m", labels: ["disk": "ssd"]), Fixture.node("n2", cpu: "2"),
            Fixture.pod("d0", nodeName: "n1", cpu: "550m", spec: "priorityClassName: low"),
            Fixture.pod("d1", nodeName: "n1", cpu: "550m", spec: "priorityClassName: low"),
            Fixture.pod("d2", nodeName: "n1", cpu: "550m", spec: "priorityClassName: low"),
            Fixture.deployment("cache", replicas: 5, cpu: "450m", spec: anti),
        ])
        #expect(victims(s) == ["d2"])
        #expect(s.scheduled("Deployment", "cache") == 1)
        #expect(s.live("Deployment", "cache").count == 5)
    }

    @Test func preemptionPolicyNeverDoesNotPreempt() throws {
        let s = try state([
            Fixture.node("n1", cpu: "1"),
            Fixture.pod("p-low", nodeName: "n1", cpu: "1", spec: "priorityClassName: low"),
            Fixture.deployment("polite", cpu: "500m", spec: "priorityClassName: polite"),
        ])
        #expect(victims(s).isEmpty)
        #expect(s.scheduled("Deployment", "polite") == 0)
        #expect(s.live("Pod", "p-low").count == 1)
    }

    @Test func preemptionPolicyNeverOnThePodItself() throws {
        let s = try state([
            Fixture.node("n1", cpu: "1"),
            Fixture.pod("p-low", nodeName: "n1", cpu: "1", spec: "priorityClassName: low"),
            Fixture.deployment("polite", cpu: "500m", spec: "priorityClassName: high\npreemptionPolicy: Never"),
        ])
        #expect(victims(s).isEmpty)
        #expect(s.scheduled("Deployment", "polite") == 0)
    }

    @Test func equalPriorityDoesNotPreempt() throws {
        let s = try state([
            Fixture.node("n1", cpu: "1"),
            Fixture.pod("p", nodeName: "n1", cpu: "1", spec: "priorityClassName: high"),
            Fixture.deployment("urgent", cpu: "500m", spec: "priorityClassName: high"),
        ])
        #expect(victims(s).isEmpty)
        #expect(s.scheduled("Deployment", "urgent") == 0)
    }

    @Test func priorityFromPriorityClassAndGlobalDefault() throws {
        let s = try Fixture.settled(
            Fixture.priorityClass("default-prio", value: 500, globalDefault: true),
            Fixture.priorityClass("high", value: 1000),
            Fixture.node("n1"),
            Fixture.deployment("plain"),
            Fixture.deployment("classy", spec: "priorityClassName: high"),
            Fixture.pod("explicit", spec: "priority: 7"))
        let shape = { (kind: String, name: String) in s.live(kind, name).first.map { s.pods[$0].shape.priority } }
        #expect(shape("Deployment", "plain") == 500)
        #expect(shape("Deployment", "classy") == 1000)
        #expect(shape("Pod", "explicit") == 7)
    }

    @Test func noPriorityClassesMeansZero() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.deployment("plain"),
                                    Fixture.deployment("ghost", spec: "priorityClassName: missing"))
        #expect(s.live("Deployment", "plain").map { s.pods[$0].shape.priority } == [0])
        #expect(s.live("Deployment", "ghost").map { s.pods[$0].shape.priority } == [0])
    }

    /// With PriorityClasses in the snapshot, a pod naming one that does not exist is refused
    /// by the Priority plugin (`no PriorityClass with name missing was found`); the built-in
    /// classes always exist.
    @Test func unknownPriorityClassIsRefused() throws {
        let s = try Fixture.settled(Fixture.priorityClass("high", value: 1000), Fixture.node("n1"),
                                    Fixture.deployment("ghost", spec: "priorityClassName: missing"),
                                    Fixture.deployment("critical", spec: "priorityClassName: system-cluster-critical"))
        #expect(s.live("Deployment", "ghost").isEmpty)
        #expect(s.live("Deployment", "critical").count == 1)
        let refusals = s.events.compactMap { if case .rejected(_, let r) = $0 { r } else { nil } }
        #expect(refusals.map(\.message) == ["no PriorityClass with name missing was found"])
        #expect(refusals.first?.failedCreateMessage(owner: .deployment, ownerName: "ghost")
            == "Error creating: pods \"<pod>\" is forbidden: no PriorityClass with name missing was found")
    }

    @Test func globalDefaultPreemptionPolicyIsInherited() throws {
        let s = try Fixture.settled(
            Fixture.priorityClass("default-prio", value: 500, globalDefault: true, preemptionPolicy: "Never"),
            Fixture.node("n1"), Fixture.deployment("plain"))
        #expect(s.live("Deployment", "plain").map { s.pods[$0].shape.preemptLowerPriority } == [false])
    }

    static func replicaSet(_ name: String) -> String {
        """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: \(name), namespace: default}
        spec:
          replicas: 2
          selector: {matchLabels: {app: \(name)}}
          template:
            metadata: {labels: {app: \(name)}}
            spec:
              priorityClassName: low
              containers: [{name: app, resources: {requests: {cpu: 500m, memory: 32Mi}}}]
        """
    }

    static func owned(_ name: String, by rs: String, on node: String, memory: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(name)
          namespace: default
          labels: {app: \(rs)}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: \(rs), controller: true}]
        spec:
          nodeName: \(node)
          priorityClassName: low
          containers: [{name: app, resources: {requests: {cpu: 500m, memory: \(memory)}}}]
        """
    }

    /// A ReplicaSet replaces a victim as soon as it is marked for deletion, and an owner that
    /// just created a replacement syncs again only after the others marked at that moment
    /// (`updatePod` and `SatisfiedExpectations`, `pkg/controller/replicaset/replica_set.go`).
    /// The first replica evicts a-0 on A; the second evicts a-1 and b-0 on B. Replacements
    /// queue a, b, a: C has room for two, so b's is placed and a's second waits. Replacing at
    /// removal, owner by owner, gave a, a, b (the real v1.20 components: b first, seed 1 #20).
    @Test func replacementsQueueInTheOrderVictimsWereMarked() throws {
        let s = try state([
            Fixture.node("a", cpu: "1", memory: "1Gi"), Fixture.node("b", cpu: "1", memory: "1Gi"),
            Fixture.node("c", cpu: "1", memory: "64Mi"),
            Self.replicaSet("ra"), Self.replicaSet("rb"),
            Self.owned("a-0", by: "ra", on: "a", memory: "1Gi"),
            Self.owned("a-1", by: "ra", on: "b", memory: "512Mi"),
            Self.owned("b-0", by: "rb", on: "b", memory: "512Mi"),
            Fixture.deployment("urgent", replicas: 2, cpu: "100m", memory: "1Gi", spec: "priorityClassName: high"),
        ])
        #expect(Set(victims(s)) == ["a-0", "a-1", "b-0"])
        #expect(s.scheduled("Deployment", "urgent") == 2)
        #expect(s.live("ReplicaSet", "rb").compactMap { s.nodeName(ofPod: $0) } == ["c"])
        #expect(s.live("ReplicaSet", "ra").compactMap { s.nodeName(ofPod: $0) } == ["c"])
        #expect(s.live("ReplicaSet", "ra").count == 2)
    }
}
