import Testing
import Fixtures
import KubeModel
import Simulation
import Admission

/// Severity of harm the planner finds: one fault away warns; two or more faults together are
/// `info` (never an apply-time warning); losing every node a workload may run on is no finding.
@Suite struct RiskSeverityTests {
    /// Two replicas kept apart by required anti-affinity on nodes a and b (of different sizes,
    /// so the planner does not take one for the other); `c` is where they could go when both
    /// fail (full unless `roomOnC`).
    func report(nodes: [String], roomOnC: Bool = false) throws -> Report {
        var docs = nodes + [Fixture.service()]
        if nodes.count > 2 && !roomOnC { docs.append(Fixture.pod("filler", nodeName: "c", cpu: "4")) }
        return try analyzeApartReplicas(docs, depth: 2)
    }

    @Test func twoFaultOutageIsInfoAndTheVerdictAllows() throws {
        let r = try report(nodes: [Fixture.node("a"), Fixture.node("b", cpu: "6"), Fixture.node("c")])
        let outage = try #require(r.findings.first { $0.type == .serviceOutage }, "\(r.findings)")
        #expect(outage.plan.count == 2)
        #expect(outage.severity == .info)
        #expect(r.verdict == .allow)
        #expect(r.findings.allSatisfy { $0.severity == .info })
    }

    @Test func infoFindingsAreNotAdmissionWarnings() throws {
        let r = try report(nodes: [Fixture.node("a"), Fixture.node("b", cpu: "6"), Fixture.node("c")])
        #expect(r.findings.contains { $0.severity == .info })
        let response = AdmissionResponseBuilder.response(uid: "u", report: r, verdict: r.verdict)
        #expect(response.allowed)
        #expect(response.warnings == nil)
    }

    @Test func losingEveryEligibleNodeIsNotReported() throws {
        // A two-node cluster: both nodes failing ends any workload; nothing to tell the user.
        let r = try report(nodes: [Fixture.node("a"), Fixture.node("b", cpu: "6")])
        #expect(!r.findings.contains { $0.type == .serviceOutage }, "\(r.findings)")
        #expect(r.verdict == .allow)
    }

    @Test func aNodeTheWorkloadCannotUseDoesNotCount() throws {
        // c is tainted: the workload may only run on a and b, so losing both is losing all.
        let tainted = Fixture.node("c", taints: "- {key: gpu, value: \"yes\", effect: NoSchedule}")
        let r = try report(nodes: [Fixture.node("a"), Fixture.node("b", cpu: "6"), tainted], roomOnC: true)
        #expect(!r.findings.contains { $0.type == .serviceOutage }, "\(r.findings)")
    }

    @Test func oneFaultStillWarns() throws {
        // Both replicas forced onto a: one node failure empties the Service.
        let cluster = Cluster(objects: try ([Fixture.node("a", labels: ["pool": "x"]), Fixture.node("b"), Fixture.service()]).flatMap(Fixture.objects))
        let web = try Fixture.objects(Fixture.deployment("web", replicas: 2, spec: "nodeSelector: {pool: x}"))[0]
        let r = Analyzer(cluster: cluster, options: AnalysisOptions(depth: 2)).analyze(Change(operation: .create, object: web))
        let outage = try #require(r.findings.first { $0.type == .serviceOutage }, "\(r.findings)")
        #expect(outage.plan.count == 1)
        #expect(outage.severity == .warn)
        #expect(r.verdict == .warn)
    }
}
