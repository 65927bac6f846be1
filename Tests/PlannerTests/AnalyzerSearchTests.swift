import Testing
import KubeModel
import Simulation
import Planner
import Admission

/// Harm that needs a fault, found through `Analyzer`: a Deployment whose two replicas must
/// share worker-2 (required node affinity to the only labelled node), with a Service and a
/// PDB minAvailable 2 (`shared/scenarios/single-node-colocation-warn`).
@Suite struct AnalyzerSearchTests {
    let scenario = Scenario("single-node-colocation-warn")

    func analyze(_ options: AnalysisOptions = .init(), deadline: ContinuousClock.Instant? = nil) throws -> Report {
        let object = try #require(try scenario.proposed().first)
        return Analyzer(cluster: try scenario.cluster(), options: options)
            .analyze(Change(operation: .create, object: object), deadline: deadline)
    }

    @Test func completeSearchWarnsWithAPlan() throws {
        let report = try analyze()
        #expect(report.search.complete)
        #expect(report.search.cutShortReason == nil)
        #expect(report.search.statesExplored > 0)
        #expect(report.verdict == .warn)
        let outage = try #require(report.findings.first { $0.type == .serviceOutage })
        #expect(outage.object == ObjectRef(kind: "Service", namespace: "maps", name: "tile-cache"))
        #expect(!outage.plan.isEmpty)
        #expect(report.findings.contains { $0.type == .availabilityLoss && $0.object.name == "tile-cache" && !$0.plan.isEmpty })
        #expect(report.findings.allSatisfy { $0.severity <= .warn })
    }

    @Test func planStepsNameActionTargetTimeAndHarm() throws {
        let report = try analyze()
        let outage = try #require(report.findings.first { $0.type == .serviceOutage })
        // One fault suffices: worker-2 fails.
        #expect(outage.plan.count == 1)
        let step = try #require(outage.plan.first)
        #expect(step.action == "NodeFailure")
        #expect(step.target == "worker-2")
        #expect(step.atSeconds == 0)
        #expect(step.result.contains("Service maps/tile-cache has 0 ready endpoints"), "\(step.result)")
        #expect(outage.message.hasSuffix("after NodeFailure(worker-2)"), "\(outage.message)")
    }

    @Test func cutShortSearchNeverDenies() throws {
        let report = try analyze(AnalysisOptions(depth: 2, maxStates: 0))
        #expect(report.search.complete == false)
        #expect(report.search.cutShortReason?.contains("state bound") == true)
        #expect(report.verdict != .deny)
        #expect([Verdict.allow, .warn].contains(report.verdict))
        // No plan can come from a search that explored nothing.
        #expect(report.findings.allSatisfy { $0.plan.isEmpty })
    }

    @Test func pastDeadlineCutsTheSearchShort() throws {
        let report = try analyze(deadline: .now - .seconds(1))
        #expect(report.search.complete == false)
        #expect(report.search.cutShortReason?.contains("deadline") == true)
        #expect(report.verdict != .deny)
    }

    @Test func depthZeroFindsNoFaultHarm() throws {
        let report = try analyze(AnalysisOptions(depth: 0, maxStates: 20_000))
        #expect(report.search.complete)
        #expect(report.search.statesExplored == 0)
        #expect(!report.findings.contains { $0.type == .serviceOutage })
    }

    @Test func sameInputSameFindingsAndPlans() throws {
        let a = try analyze()
        let b = try analyze()
        #expect(a.verdict == b.verdict)
        #expect(a.findings.map(\.message) == b.findings.map(\.message))
        #expect(a.findings.map(\.plan) == b.findings.map(\.plan))
        #expect(a.findings == b.findings)
        #expect(a.search == b.search)
    }

    @Test func withoutTheAffinityNoFaultEmptiesTheService() throws {
        // Spread over three nodes, one failure leaves endpoints: no ServiceOutage.
        guard case .deployment(var d)? = try scenario.proposed().first else { Issue.record("not a Deployment"); return }
        d.spec.template.spec.affinity = nil
        let report = Analyzer(cluster: try scenario.cluster()).analyze(Change(operation: .create, object: .deployment(d)))
        #expect(report.search.complete)
        #expect(!report.findings.contains { $0.type == .serviceOutage })
    }
}
