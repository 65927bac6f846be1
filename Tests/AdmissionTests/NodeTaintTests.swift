import Testing
import Fixtures
import KubeModel
import Simulation
import Admission

/// A Node UPDATE that adds a NoExecute taint evicts the pods that do not tolerate it
/// (the taint eviction controller), bypassing disruption budgets; NoSchedule evicts nothing.
@Suite struct NodeTaintTests {
    func update(_ taints: String, web: String = Fixture.deployment("web", replicas: 2)) throws -> Report {
        let cluster = Cluster(objects: try [Fixture.node("a"), Fixture.service(), web].flatMap(Fixture.objects))
        var checker = Checker(cluster: cluster)
        return checker.check(try Fixture.objects(Fixture.node("a", taints: taints)), operation: .update)[0].report
    }

    @Test func noExecuteEvictsAndThePodsHaveNowhereToGo() throws {
        let r = try update("- {key: maintenance, value: \"true\", effect: NoExecute}")
        #expect(r.verdict == .deny, "\(r.findings)")
        #expect(r.findings.contains { $0.type == .serviceOutage && $0.object.name == "web" }, "\(r.findings)")
    }

    @Test func noScheduleEvictsNothing() throws {
        let r = try update("- {key: maintenance, value: \"true\", effect: NoSchedule}")
        #expect(!r.findings.contains { $0.type == .serviceOutage }, "\(r.findings)")
    }

    @Test func aPodThatToleratesItForeverStays() throws {
        let tolerant = Fixture.deployment("web", replicas: 2, spec: "tolerations: [{key: maintenance, operator: Exists, effect: NoExecute}]")
        let r = try update("- {key: maintenance, value: \"true\", effect: NoExecute}", web: tolerant)
        #expect(!r.findings.contains { $0.type == .serviceOutage }, "\(r.findings)")
    }

    @Test func aTimedTolerationOnlyDelaysTheEviction() throws {
        // Evicted when the 60 s run out; the replacements tolerate the taint as long, so the
        // steady state keeps pods coming back: the eviction itself is what to look for.
        let timed = Fixture.deployment("web", replicas: 2, spec: "tolerations: [{key: maintenance, operator: Exists, effect: NoExecute, tolerationSeconds: 60}]")
        var s = SimState(Cluster(objects: try [Fixture.node("a"), timed].flatMap(Fixture.objects)))
        s.settle()
        s.markSettled()
        let node = try Fixture.objects(Fixture.node("a", taints: "- {key: maintenance, value: \"true\", effect: NoExecute}"))[0]
        let applied = s.apply(Change(operation: .update, object: node))
        #expect(applied)
        let evicted = s.events.filter { if case .evicted = $0 { true } else { false } }
        #expect(evicted.count == 2, "\(s.events)")
    }
}
