import Foundation
import Testing
import Admission
import KubeModel
import Planner
@testable import WebhookServer

/// The AdmissionReview exchange over real TLS, with the bodies kube-apiserver v1.20 sent.
extension WebhookServerTests {
@Suite
struct WireFormatTests {
    /// Checks a 200 answer against the AdmissionReview schema, field by field.
    @discardableResult
    func expectReview(_ reply: TestClient.Reply, uid: String, apiVersion: String = "admission.k8s.io/v1",
                      allowed: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        #expect(reply.status == 200, "status \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        let json = try #require(reply.json, "not JSON: \(reply.text)", sourceLocation: sourceLocation)
        #expect(json["apiVersion"] as? String == apiVersion, sourceLocation: sourceLocation)
        #expect(json["kind"] as? String == "AdmissionReview", sourceLocation: sourceLocation)
        #expect(json["request"] == nil, sourceLocation: sourceLocation)
        let response = try #require(json["response"] as? [String: Any], sourceLocation: sourceLocation)
        #expect(response["uid"] as? String == uid, sourceLocation: sourceLocation)
        #expect(response["allowed"] as? Bool == allowed, sourceLocation: sourceLocation)
        if let warnings = response["warnings"] {
            let list = try #require(warnings as? [String], sourceLocation: sourceLocation)
            #expect(!list.isEmpty && list.count <= 5, sourceLocation: sourceLocation)
            for w in list {
                #expect(w.utf8.count < 120 && !w.contains("\n") && !w.isEmpty, "bad warning: \(w)", sourceLocation: sourceLocation)
            }
        }
        if allowed {
            #expect(response["status"] == nil, sourceLocation: sourceLocation)
        } else {
            let status = try #require(response["status"] as? [String: Any], sourceLocation: sourceLocation)
            #expect(status["code"] as? Int == 403, sourceLocation: sourceLocation)
            #expect(status["reason"] as? String == "Forbidden", sourceLocation: sourceLocation)
            #expect((status["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        }
        return response
    }

    func uid(of fixture: Data) throws -> String {
        let json = try #require(try JSONSerialization.jsonObject(with: fixture) as? [String: Any])
        return try #require((json["request"] as? [String: Any])?["uid"] as? String)
    }

    @Test func fixturesAreAllowedAndEchoed() async throws {
        let analysis = FakeAnalysis()
        let running = try await RunningServer.start(analysis: analysis.function)
        try await withClient(trusting: running.certs.ca) { client in
            for name in ["create.json", "create-dryrun.json", "update.json", "update-dryrun.json", "delete.json", "delete-dryrun.json"] {
                let body = try Paths.fixture(name)
                let reply = try await client.post("\(running.base)/validate?timeout=5s", body)
                let response = try expectReview(reply, uid: try uid(of: body), allowed: true)
                #expect(response["warnings"] == nil, "\(name): \(reply.text)")
            }
        }
        #expect(analysis.calls == 6)
        try await running.stop()
    }

    @Test func admittedChangesUpdateTheClusterButDryRunsDoNot() async throws {
        let running = try await RunningServer.start(analysis: FakeAnalysis().function)
        let ref = ObjectRef(kind: "Deployment", namespace: "default", name: "deny-me")
        try await withClient(trusting: running.certs.ca) { client in
            _ = try await client.post("\(running.base)/validate", try Paths.fixture("create-dryrun.json"))
            #expect(running.server.store.analyzer()?.cluster.objects[ref] == nil)
            _ = try await client.post("\(running.base)/validate", try Paths.fixture("create.json"))
            #expect(running.server.store.analyzer()?.cluster.objects[ref] != nil)
            // delete.json deletes ok-me: create it through an UPDATE first, then delete it.
            _ = try await client.post("\(running.base)/validate", try Paths.fixture("update.json"))
            let okMe = ObjectRef(kind: "Deployment", namespace: "default", name: "ok-me")
            #expect(running.server.store.analyzer()?.cluster.objects[okMe] != nil)
            _ = try await client.post("\(running.base)/validate", try Paths.fixture("delete-dryrun.json"))
            _ = try await client.post("\(running.base)/validate", try Paths.fixture("delete.json"))
            #expect(running.server.store.analyzer()?.cluster.objects[okMe] == nil)
        }
        try await running.stop()
    }

    @Test func v1beta1IsAnsweredInKind() async throws {
        let running = try await RunningServer.start(analysis: FakeAnalysis().function)
        let body = try edited(try Paths.fixture("create.json")) { $0["apiVersion"] = "admission.k8s.io/v1beta1" }
        try await withClient(trusting: running.certs.ca) { client in
            let reply = try await client.post("\(running.base)/validate", body)
            try expectReview(reply, uid: try uid(of: body), apiVersion: "admission.k8s.io/v1beta1", allowed: true)
            let allow = try await client.post("\(running.base)/allow", body)
            try expectReview(allow, uid: try uid(of: body), apiVersion: "admission.k8s.io/v1beta1", allowed: true)
        }
        try await running.stop()
    }

    @Test func badBodiesAre400And413And404() async throws {
        let running = try await RunningServer.start(analysis: FakeAnalysis().function) { $0.maxBodyBytes = 64 * 1024 }
        let create = try Paths.fixture("create.json")
        try await withClient(trusting: running.certs.ca) { client in
            let malformed = try await client.post("\(running.base)/validate", Data("{\"apiVersion\": ".utf8))
            #expect(malformed.status == 400)
            #expect(malformed.text.contains("not a JSON object"))
            let wrongVersion = try await client.post("\(running.base)/validate",
                                                     try edited(create) { $0["apiVersion"] = "admission.k8s.io/v2" })
            #expect(wrongVersion.status == 400)
            #expect(wrongVersion.text.contains("apiVersion"))
            let noUID = try await client.post("\(running.base)/validate", try editedRequest(create) { $0["uid"] = nil })
            #expect(noUID.status == 400)
            #expect(noUID.text.contains("uid"))
            let notReview = try await client.post("\(running.base)/validate", try edited(create) { $0["kind"] = "Deployment" })
            #expect(notReview.status == 400)
            let huge = try editedRequest(create) { $0["padding"] = String(repeating: "x", count: 200 * 1024) }
            let tooLarge = try await client.post("\(running.base)/validate", huge)
            #expect(tooLarge.status == 413)
            let unknown = try await client.post("\(running.base)/nope", create)
            #expect(unknown.status == 404)
            // The server is still fine afterwards.
            let ok = try await client.post("\(running.base)/validate", create)
            try expectReview(ok, uid: try uid(of: create), allowed: true)
            let allowBad = try await client.post("\(running.base)/allow", Data("[]".utf8))
            #expect(allowBad.status == 400)
        }
        try await running.stop()
    }

    @Test func denyCarriesMessageFirstStepAndAuditAnnotations() async throws {
        let plan = [PlanStepFixture.drain, PlanStepFixture.evict]
        let report = Report(verdict: .deny, findings: [
            finding(.unschedulable, .deny, "3 of 5 pods of Deployment default/deny-me can never be scheduled", plan: plan),
            finding(.availabilityLoss, .warn, "the Service web loses its last ready endpoint during rollout"),
        ], search: SearchSummary(complete: true, statesExplored: 1234, depth: 2))
        let running = try await RunningServer.start(analysis: FakeAnalysis(report).function)
        let body = try Paths.fixture("create.json")
        try await withClient(trusting: running.certs.ca) { client in
            let reply = try await client.post("\(running.base)/validate?timeout=10s", body)
            let response = try expectReview(reply, uid: try uid(of: body), allowed: false)
            let message = try #require((response["status"] as? [String: Any])?["message"] as? String)
            #expect(message.contains("can never be scheduled"))
            #expect(message.contains("First step: drain node-a"))
            #expect(!message.contains("\n"))
            let warnings = try #require(response["warnings"] as? [String])
            #expect(warnings.count == 1 && warnings[0].contains("AvailabilityLoss"))
            let audit = try #require(response["auditAnnotations"] as? [String: String])
            #expect(audit["verdict"] == "deny")
            let findings = try #require(try JSONSerialization.jsonObject(with: Data((audit["findings"] ?? "").utf8)) as? [[String: Any]])
            #expect(findings.count == 2)
            // A denied change is not applied to the server's cluster.
            #expect(running.server.store.analyzer()?.cluster.objects[ObjectRef(kind: "Deployment", namespace: "default", name: "deny-me")] == nil)
            let metrics = try await client.send(.GET, "\(running.base)/metrics")
            #expect(metrics.text.contains("premortem_admission_requests_total{verdict=\"deny\",kind=\"Deployment\"} 1"))
            #expect(metrics.text.contains("premortem_planner_states_explored_total 1234"))
        }
        try await running.stop()
    }

    @Test func warningsAreShortSingleLinesAtMostFive() async throws {
        let long = String(repeating: "a very long explanation\nwith newlines ", count: 20)
        let report = Report(verdict: .warn, findings: (0..<8).map { finding(.nodePressure, .warn, "\($0): " + long) },
                            search: SearchSummary())
        let running = try await RunningServer.start(analysis: FakeAnalysis(report).function)
        let body = try Paths.fixture("update.json")
        try await withClient(trusting: running.certs.ca) { client in
            let reply = try await client.post("\(running.base)/validate", body)
            let response = try expectReview(reply, uid: try uid(of: body), allowed: true)
            let warnings = try #require(response["warnings"] as? [String])
            #expect(warnings.count == 5)
            #expect(warnings[0].hasPrefix("premortem: NodePressure"))
            #expect(warnings[4].contains("more findings"))
        }
        try await running.stop()
    }
}

enum PlanStepFixture {
    static let drain = PlanStepFixture.step("drain", "node-a", 0, "2 pods evicted")
    static let evict = PlanStepFixture.step("evict", "pod web-1", 30, "web-1 Pending")
    static func step(_ a: String, _ t: String, _ s: Int, _ r: String) -> Planner.PlanStep {
        Planner.PlanStep(action: a, target: t, atSeconds: s, result: r)
    }
}
}
