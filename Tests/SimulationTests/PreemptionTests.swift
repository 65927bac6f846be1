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

    @Test func globalDefaultPreemptionPolicyIsInherited() throws {
        let s = try Fixture.settled(
            Fixture.priorityClass("default-prio", value: 500, globalDefault: true, preemptionPolicy: "Never"),
            Fixture.node("n1"), Fixture.deployment("plain"))
        #expect(s.live("Deployment", "plain").map { s.pods[$0].shape.preemptLowerPriority } == [false])
    }
}
