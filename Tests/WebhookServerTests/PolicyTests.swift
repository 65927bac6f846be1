import Foundation
import Testing
import Admission
import KubeModel
@testable import WebhookServer

/// Modes, exclusions and exemptions, end to end through the server.
extension WebhookServerTests {
@Suite
struct PolicyTests {
    static let denying = Report(verdict: .deny, findings: [finding(.unschedulable, .deny, "pods can never be scheduled")],
                                search: SearchSummary())

    func response(_ reply: TestClient.Reply) throws -> [String: Any] {
        #expect(reply.status == 200, "\(reply.text)")
        return try #require(reply.response, "\(reply.text)")
    }

    @Test func warnModeTurnsDenialsIntoWarnings() async throws {
        let running = try await RunningServer.start(analysis: FakeAnalysis(Self.denying).function) { $0.policy.mode = .warn }
        try await withClient(trusting: running.certs.ca) { client in
            let r = try response(try await client.post("\(running.base)/validate", try Paths.fixture("create.json")))
            #expect(r["allowed"] as? Bool == true)
            #expect((r["warnings"] as? [String])?.first?.contains("can never be scheduled") == true)
        }
        try await running.stop()
    }

    @Test func offModeAllowsWithoutAnalysis() async throws {
        let analysis = FakeAnalysis(Self.denying)
        let running = try await RunningServer.start(analysis: analysis.function) { $0.policy.mode = .off }
        try await withClient(trusting: running.certs.ca) { client in
            let r = try response(try await client.post("\(running.base)/validate", try Paths.fixture("create.json")))
            #expect(r["allowed"] as? Bool == true)
            #expect(r["warnings"] == nil)
        }
        #expect(analysis.calls == 0)
        try await running.stop()
    }

    @Test func namespaceLabelOverridesTheGlobalMode() async throws {
        let relaxed = try object(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"relaxed","labels":{"premortem.io/mode":"warn"}}}"#)
        let strict = try object(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default","labels":{"premortem.io/mode":"enforce"}}}"#)
        let running = try await RunningServer.start(objects: [relaxed, strict], analysis: FakeAnalysis(Self.denying).function)
        let create = try Paths.fixture("create.json")
        let inRelaxed = try editedRequest(create) { r in
            r["namespace"] = "relaxed"
            var o = r["object"] as? [String: Any] ?? [:]
            var m = o["metadata"] as? [String: Any] ?? [:]
            m["namespace"] = "relaxed"; o["metadata"] = m; r["object"] = o
        }
        try await withClient(trusting: running.certs.ca) { client in
            let denied = try response(try await client.post("\(running.base)/validate", create))
            #expect(denied["allowed"] as? Bool == false)
            let warned = try response(try await client.post("\(running.base)/validate", inRelaxed))
            #expect(warned["allowed"] as? Bool == true)
            #expect((warned["warnings"] as? [String])?.isEmpty == false)
        }
        try await running.stop()
    }

    @Test func excludedNamespacesAndExemptUsersAreUntouched() async throws {
        let analysis = FakeAnalysis(Self.denying)
        let running = try await RunningServer.start(analysis: analysis.function) {
            $0.policy.excludedNamespaces = ["kube-system", "premortem"]
            $0.policy.exemptUsers = ["ci-bot"]
            $0.policy.exemptGroups = ["platform-admins"]
        }
        let create = try Paths.fixture("create.json")
        let bodies = [
            try editedRequest(create) { $0["namespace"] = "kube-system" },
            try editedRequest(create) { $0["namespace"] = "premortem" },
            try editedRequest(create) { $0["userInfo"] = ["username": "ci-bot", "groups": ["system:authenticated"]] },
            try editedRequest(create) { $0["userInfo"] = ["username": "alice", "groups": ["platform-admins"]] },
        ]
        try await withClient(trusting: running.certs.ca) { client in
            for body in bodies {
                let r = try response(try await client.post("\(running.base)/validate", body))
                #expect(r["allowed"] as? Bool == true)
                #expect(r["warnings"] == nil)
            }
            #expect(analysis.calls == 0)
            let r = try response(try await client.post("\(running.base)/validate", create))
            #expect(r["allowed"] as? Bool == false)
            #expect(analysis.calls == 1)
        }
        try await running.stop()
    }

    @Test func kindsNotModelledAreAllowedAtOnce() async throws {
        let analysis = FakeAnalysis(Self.denying)
        let running = try await RunningServer.start(analysis: analysis.function)
        let configMap = try editedRequest(try Paths.fixture("create.json")) { r in
            r["kind"] = ["group": "networking.k8s.io", "version": "v1", "kind": "Ingress"]
            r["object"] = ["apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": ["name": "web", "namespace": "default"],
                           "spec": ["ingressClassName": "nginx"]]
        }
        try await withClient(trusting: running.certs.ca) { client in
            let r = try response(try await client.post("\(running.base)/validate", configMap))
            #expect(r["allowed"] as? Bool == true)
            #expect(r["warnings"] == nil)
        }
        #expect(analysis.calls == 0)
        try await running.stop()
    }

    @Test func unreadableObjectIsAllowedWithAWarning() async throws {
        let analysis = FakeAnalysis(Self.denying)
        let running = try await RunningServer.start(analysis: analysis.function)
        let broken = try editedRequest(try Paths.fixture("create.json")) { r in
            var o = r["object"] as? [String: Any] ?? [:]
            o["spec"] = ["replicas": "many", "template": 7]
            r["object"] = o
        }
        try await withClient(trusting: running.certs.ca) { client in
            let r = try response(try await client.post("\(running.base)/validate", broken))
            #expect(r["allowed"] as? Bool == true)
            let warnings = try #require(r["warnings"] as? [String])
            #expect(warnings.count == 1 && warnings[0].hasPrefix("premortem could not read this Deployment"))
            #expect(warnings[0].utf8.count < 120)
        }
        #expect(analysis.calls == 0)
        try await running.stop()
    }
}
}
