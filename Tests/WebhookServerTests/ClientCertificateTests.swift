import Foundation
import Testing
@testable import WebhookServer

/// `--client-ca`: /validate and /allow only for callers with a certificate from the client
/// CA; health, readiness and metrics for anyone (the chart's probes send no certificate).
extension WebhookServerTests {
@Suite
struct ClientCertificateTests {
    @Test func reviewsNeedAClientCertificateProbesDoNot() async throws {
        let certs = try TestCerts.make()
        try TestCerts.run(Paths.repoRoot.appendingPathComponent("certs/make-client-cert.sh").path, [certs.dir.path])
        let other = try TestCerts.make()
        try TestCerts.run(Paths.repoRoot.appendingPathComponent("certs/make-client-cert.sh").path, [other.dir.path])
        let running = try await RunningServer.start(certs: certs, analysis: FakeAnalysis().function) { $0.clientCAPath = certs.ca }
        let body = try Paths.fixture("create.json")
        // No certificate: probes and metrics work, reviews are refused.
        try await withClient(trusting: certs.ca) { client in
            #expect(try await client.send(.GET, "\(running.base)/healthz").status == 200)
            #expect(try await client.send(.GET, "\(running.base)/readyz").status == 200)
            #expect(try await client.send(.GET, "\(running.base)/metrics").status == 200)
            #expect(try await client.post("\(running.base)/validate", body).status == 401)
            #expect(try await client.post("\(running.base)/allow", body).status == 401)
            let metrics = try await client.send(.GET, "\(running.base)/metrics").text
            #expect(metrics.contains("premortem_admission_unauthenticated_total 2"))
        }
        // The client CA's certificate, over HTTP/2 and HTTP/1.1: reviews are answered.
        for http1Only in [false, true] {
            let client = try TestClient(trusting: certs.ca, http1Only: http1Only,
                                        identity: (certs.dir.appendingPathComponent("client.crt").path,
                                                   certs.dir.appendingPathComponent("client.key").path))
            let reply = try await client.post("\(running.base)/validate", body)
            #expect(reply.status == 200)
            #expect(reply.response?["allowed"] as? Bool == true)
            try await client.shutdown()
        }
        // A certificate from another CA: the handshake fails.
        let stranger = try TestClient(trusting: certs.ca, probe: true,
                                      identity: (other.dir.appendingPathComponent("client.crt").path,
                                                 other.dir.appendingPathComponent("client.key").path))
        await #expect(throws: (any Error).self) { _ = try await stranger.post("\(running.base)/validate", body) }
        try await stranger.shutdown()
        try await running.stop()
    }
}
}
