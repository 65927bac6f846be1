import Foundation
import Testing
import Admission
import ClusterState
import KubeModel
@testable import WebhookServer

/// The real analysis behind the real server: every demo proposal gets the verdict the demo
/// promises, in AdmissionReview form.
extension WebhookServerTests {
@Suite
struct DemoVerdictTests {
    /// create.json with its object replaced by `object` (UPDATE, with oldObject, if the demo
    /// cluster already has an object of that name).
    static func review(for object: KubeObject, uid: String) throws -> Data {
        let existing = DemoCluster.objects.first { $0.ref == object.ref }
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(object))
        let old = try existing.map { try JSONSerialization.jsonObject(with: JSONEncoder().encode($0)) }
        return try editedRequest(try Paths.fixture("create.json")) { r in
            r["uid"] = uid
            r["kind"] = ["group": "apps", "version": "v1", "kind": object.kind]
            r["requestKind"] = r["kind"]
            r["name"] = object.metadata.nameOrEmpty
            r["namespace"] = object.ref.namespace ?? ""
            r["operation"] = existing == nil ? "CREATE" : "UPDATE"
            r["object"] = encoded
            r["oldObject"] = old ?? NSNull()
            r["dryRun"] = true
        }
    }

    @Test func demoProposalsGetTheirVerdicts() async throws {
        #expect(DemoCluster.proposals.contains { $0.expected == "deny" })
        #expect(DemoCluster.proposals.contains { $0.expected == "warn" })
        let running = try await RunningServer.start(objects: DemoCluster.objects)
        try await withClient(trusting: running.certs.ca) { client in
            for (i, proposal) in DemoCluster.proposals.enumerated() {
                let uid = "demo-\(i)-\(proposal.name)"
                let reply = try await client.post("\(running.base)/validate?timeout=30s", try Self.review(for: proposal.object, uid: uid))
                #expect(reply.status == 200)
                let r = try #require(reply.response, "\(proposal.name): \(reply.text)")
                #expect(r["uid"] as? String == uid)
                let warnings = r["warnings"] as? [String] ?? []
                let message = (r["status"] as? [String: Any])?["message"] as? String
                switch proposal.expected {
                case "deny":
                    #expect(r["allowed"] as? Bool == false, "\(proposal.name): \(reply.text)")
                    #expect(message?.hasPrefix("premortem: ") == true, "\(proposal.name): \(reply.text)")
                case "warn":
                    #expect(r["allowed"] as? Bool == true, "\(proposal.name): \(reply.text)")
                    #expect(!warnings.isEmpty && warnings.allSatisfy { $0.hasPrefix("premortem: ") }, "\(proposal.name): \(reply.text)")
                default:
                    #expect(r["allowed"] as? Bool == true, "\(proposal.name): \(reply.text)")
                    #expect(warnings.isEmpty, "\(proposal.name): \(reply.text)")
                }
                #expect(!warnings.contains { $0.contains("cut short") }, "\(proposal.name): \(reply.text)")
            }
        }
        try await running.stop()
    }

    /// A release applied piece by piece is judged as a whole: once one over-capacity-ish
    /// Deployment is admitted, the cluster the next one is judged against includes it.
    @Test func admittedChangesAreJudgedTogether() async throws {
        let running = try await RunningServer.start(objects: DemoCluster.objects)
        let warnProposal = try #require(DemoCluster.proposals.first { $0.expected == "warn" })
        let before = running.server.store.analyzer()?.cluster.count ?? 0
        var body = try Self.review(for: warnProposal.object, uid: "apply-1")
        body = try editedRequest(body) { $0["dryRun"] = false }
        try await withClient(trusting: running.certs.ca) { client in
            let reply = try await client.post("\(running.base)/validate?timeout=30s", body)
            #expect(reply.response?["allowed"] as? Bool == true)
        }
        #expect(running.server.store.analyzer()?.cluster.objects[warnProposal.object.ref] != nil)
        #expect((running.server.store.analyzer()?.cluster.count ?? 0) == before + 1)
        try await running.stop()
    }
}
}
