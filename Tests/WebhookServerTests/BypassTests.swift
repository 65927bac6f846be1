import Foundation
import Logging
import Synchronization
import Testing
import Admission
import ClusterState
import KubeModel
@testable import WebhookServer

/// Ways a hostile review used to get a denied change through, or leave something behind:
/// each against the real server and the demo cluster's real analysis.
extension WebhookServerTests {
@Suite
struct BypassTests {
    static var denied: KubeObject {
        get throws { try #require(DemoCluster.proposals.first { $0.expected == "deny" && $0.object.kind == "Deployment" }).object }
    }

    /// The denied proposal's review, its object as JSON to edit.
    static func deniedReview(uid: String, edit: (inout [String: Any]) -> Void = { _ in }) throws -> Data {
        let base = try DemoVerdictTests.review(for: try denied, uid: uid)
        return try editedRequest(base) { r in
            var object = r["object"] as! [String: Any]
            edit(&object)
            r["object"] = object
        }
    }

    static func addSidecar(memoryLimit: String) -> (inout [String: Any]) -> Void {
        { object in
            var spec = object["spec"] as! [String: Any]
            var template = spec["template"] as! [String: Any]
            var pod = template["spec"] as! [String: Any]
            var containers = pod["containers"] as! [Any]
            containers.append(["name": "sidecar", "image": "registry.invalid/sidecar:1",
                               "resources": ["limits": ["memory": memoryLimit]]])
            pod["containers"] = containers
            template["spec"] = pod
            spec["template"] = template
            object["spec"] = spec
        }
    }

    /// Quantities the API server accepts however large: the change is judged (and still
    /// denied), not "could not read this Deployment, so it was not checked".
    @Test(arguments: ["999999999999Ei", "1e400", "9223372036854775807Ki", "0.000000000000000000001"])
    func absurdQuantityIsJudged(limit: String) async throws {
        let running = try await RunningServer.start(objects: DemoCluster.objects)
        try await withClient(trusting: running.certs.ca) { client in
            let plainReply = try await client.post("\(running.base)/validate?timeout=30s", try Self.deniedReview(uid: "plain"))
            let plain = try #require(plainReply.response)
            #expect(plain["allowed"] as? Bool == false)
            let body = try Self.deniedReview(uid: "sidecar", edit: Self.addSidecar(memoryLimit: limit))
            let reply = try await client.post("\(running.base)/validate?timeout=30s", body)
            let r = try #require(reply.response, "\(reply.text)")
            #expect(r["allowed"] as? Bool == false, "\(limit): \(reply.text)")
            #expect(!((r["warnings"] as? [String]) ?? []).contains { $0.contains("could not read") }, "\(limit): \(reply.text)")
        }
        try await running.stop()
    }

    /// `{"kind":"ConfigMap", ..., "kind":"Deployment"}`: Go's decoder (the API server) takes
    /// the last key, so this is a Deployment and must be judged as one, not skipped as a
    /// ConfigMap.
    @Test func duplicateKindIsReadAsTheLastOne() async throws {
        let marker = "__OBJECT__"
        let base = try DemoVerdictTests.review(for: try Self.denied, uid: "dup")
        let object = String(decoding: try JSONEncoder().encode(try Self.denied), as: UTF8.self)
        let forged = "{\"kind\":\"ConfigMap\"," + object.dropFirst()
        let withMarker = try editedRequest(base) { $0["object"] = marker }
        let body = Data(String(decoding: withMarker, as: UTF8.self).replacingOccurrences(of: "\"\(marker)\"", with: forged).utf8)
        let running = try await RunningServer.start(objects: DemoCluster.objects)
        try await withClient(trusting: running.certs.ca) { client in
            let reply = try await client.post("\(running.base)/validate?timeout=30s", body)
            #expect(reply.response?["allowed"] as? Bool == false, "\(reply.text)")
        }
        try await running.stop()
    }

    /// Reviews that are analysed but not admitted (dry-run, denied) leave the server's state
    /// exactly as it was: no object, shape or optimistic entry more. (The shared shape keeper
    /// an analysis once appended to grew ~3.4 KB per dry-run and 28 MB per 10,000-container
    /// review until an admitted change replaced the state.)
    @Test func reviewsNotAdmittedLeaveNothingBehind() async throws {
        let running = try await RunningServer.start(objects: DemoCluster.objects)
        let store = running.server.store
        let before = try #require(store.analyzer())
        try await withClient(trusting: running.certs.ca) { client in
            for i in 0..<40 {
                // Each with a new template, so each analysis makes new shapes.
                let dryRun = try Self.deniedReview(uid: "dry-\(i)", edit: { o in
                    var m = o["metadata"] as! [String: Any]
                    m["name"] = "dry-\(i)"
                    o["metadata"] = m
                    Self.addSidecar(memoryLimit: "\(i + 1)Mi")(&o)
                })
                let denied = try editedRequest(try Self.deniedReview(uid: "deny-\(i)", edit: Self.addSidecar(memoryLimit: "\(i + 1)Gi"))) {
                    $0["dryRun"] = false
                }
                let a = try await client.post("\(running.base)/validate?timeout=30s", try editedRequest(dryRun) { $0["name"] = "dry-\(i)" })
                let b = try await client.post("\(running.base)/validate?timeout=30s", denied)
                #expect(a.status == 200 && b.status == 200)
                #expect(b.response?["allowed"] as? Bool == false)
            }
        }
        let after = try #require(store.analyzer())
        #expect(after.cluster.count == before.cluster.count)
        #expect(after.baseline.shapesKept == before.baseline.shapesKept)
        #expect(after.baseline.pods.count == before.baseline.pods.count)
        #expect(store.optimisticCount == 0)
        try await running.stop()
    }

    /// Kinds come from the request: a client sending a new kind each time must not grow the
    /// metrics without bound (one labelled counter each).
    @Test func metricLabelsStayBounded() async throws {
        let running = try await RunningServer.start(objects: DemoCluster.objects)
        try await withClient(trusting: running.certs.ca) { client in
            for i in 0..<20 {
                let body = try editedRequest(try Paths.fixture("create-dryrun.json")) { r in
                    r["kind"] = ["group": "example.com", "version": "v1", "kind": "Forged\(i)"]
                }
                #expect(try await client.post("\(running.base)/validate", body).status == 200)
            }
            let metrics = try await client.send(.GET, "\(running.base)/metrics").text
            #expect(!metrics.contains("Forged"))
            #expect(metrics.contains("kind=\"other\""))
        }
        try await running.stop()
    }

    /// Without a watch, every admitted object stays in the state for good: /metrics says how
    /// many (a forged review shows there, and in the log).
    @Test func optimisticObjectsAreCountedWithoutAWatch() async throws {
        let running = try await RunningServer.start(objects: DemoCluster.objects)
        try await withClient(trusting: running.certs.ca) { client in
            let allowed = try #require(DemoCluster.proposals.first { $0.expected == "allow" })
            let body = try editedRequest(try DemoVerdictTests.review(for: allowed.object, uid: "admit")) { $0["dryRun"] = false }
            #expect(try await client.post("\(running.base)/validate?timeout=30s", body).response?["allowed"] as? Bool == true)
            let metrics = try await client.send(.GET, "\(running.base)/metrics").text
            #expect(metrics.contains("premortem_cluster_optimistic_objects_count 1"))
        }
        try await running.stop()
    }

    /// Values from the object never reach the log: a quantity that cannot be read is logged
    /// as the error's shape and path only.
    @Test func logsCarryNoObjectContents() async throws {
        let lines = LogLines()
        var logger = Logger(label: "premortem-test") { label in JSONLogHandler(label: label, write: { lines.append($0) }) }
        logger.logLevel = .info
        let running = try await RunningServer.start(objects: DemoCluster.objects, logger: logger)
        let secret = "7SECRETVALUE"
        try await withClient(trusting: running.certs.ca) { client in
            let reply = try await client.post("\(running.base)/validate?timeout=30s",
                                              try Self.deniedReview(uid: "leak", edit: Self.addSidecar(memoryLimit: secret)))
            // The API server is told (it sent the object); the log is not.
            #expect(reply.text.contains("could not read"))
            _ = try await client.post("\(running.base)/validate", Data("{\"kind\":\"AdmissionReview\",\"request\":{\"operation\":\"\(secret)\"}}".utf8))
        }
        try await running.stop()
        let all = lines.all.joined()
        #expect(all.contains("admission review answered"))
        #expect(all.contains("rejected a body"))
        #expect(!all.contains("SECRETVALUE"), "\(all)")
    }

    /// GET (and other methods) on /validate: 405 with `Allow: POST`, not 404.
    @Test func wrongMethodIs405() async throws {
        let running = try await RunningServer.start(objects: [])
        try await withClient(trusting: running.certs.ca) { client in
            for path in ["/validate", "/allow"] {
                let reply = try await client.send(.GET, "\(running.base)\(path)")
                #expect(reply.status == 405)
                #expect(reply.headers["Allow"].first == "POST")
            }
        }
        try await running.stop()
    }
}
}

final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
