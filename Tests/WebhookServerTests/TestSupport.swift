import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import ServiceLifecycle
import Testing
import Admission
import KubeModel
import Planner
import Simulation
@testable import WebhookServer

/// Every suite starts real servers and times their answers: one at a time, so one suite's
/// CPU work (the demo analyses) does not skew another's deadlines.
@Suite(.serialized) struct WebhookServerTests {}

/// Paths relative to this file: the repo root, and `../shared` next to it.
enum Paths {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let fixtures = shared.appendingPathComponent("fixtures/admission-review")
    static let makeCerts = repoRoot.appendingPathComponent("certs/make-certs.sh")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }
}

struct ShellError: Error, CustomStringConvertible { var description: String }

/// A fresh CA and serving cert from certs/make-certs.sh (openssl), in a temp directory.
struct TestCerts {
    let dir: URL
    var ca: String { dir.appendingPathComponent("ca.crt").path }
    var cert: String { dir.appendingPathComponent("tls.crt").path }
    var key: String { dir.appendingPathComponent("tls.key").path }

    static func make() throws -> TestCerts {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("premortem-certs-\(UUID().uuidString)")
        try run(Paths.makeCerts.path, [dir.path, "premortem", "premortem"])
        return TestCerts(dir: dir)
    }

    static func run(_ tool: String, _ args: [String], environment: [String: String] = [:]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [tool] + args
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let msg = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw ShellError(description: "\(tool) failed: \(msg)")
        }
    }
}

/// Analyses with a fixed answer, optionally slow, counting calls.
final class FakeAnalysis: Sendable {
    let report: Report
    let delay: Duration
    let honoursDeadline: Bool
    private let counter = Counter()

    init(_ report: Report = Report(verdict: .allow, findings: [], search: SearchSummary()),
         delay: Duration = .zero, honoursDeadline: Bool = false) {
        self.report = report; self.delay = delay; self.honoursDeadline = honoursDeadline
    }

    var calls: Int { counter.value }

    var function: AnalyzeFunction {
        { [self] _, _, deadline in
            counter.increment()
            if delay > .zero {
                let until = honoursDeadline ? min(ContinuousClock.now + delay, deadline) : ContinuousClock.now + delay
                let wait = max(.zero, ContinuousClock.now.duration(to: until))
                Thread.sleep(forTimeInterval: Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
            }
            return report
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func increment() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}

/// A real server on 127.0.0.1 and an ephemeral port, run in a ServiceGroup like production.
struct RunningServer {
    let server: WebhookServer
    let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>
    let certs: TestCerts

    static func start(certs: TestCerts? = nil,
                      objects: [KubeObject] = [],
                      analysis: AnalyzeFunction? = nil,
                      configure: (inout WebhookConfiguration) -> Void = { _ in },
                      logger given: Logger? = nil,
                      loadCluster: (@Sendable () async throws -> [KubeObject])? = nil) async throws -> RunningServer {
        let certs = try certs ?? TestCerts.make()
        var config = WebhookConfiguration()
        config.host = "127.0.0.1"
        config.port = 0
        config.certificatePath = certs.cert
        config.privateKeyPath = certs.key
        config.certificateReloadInterval = .milliseconds(100)
        configure(&config)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var logger = given ?? Logger(label: "premortem-test")
        if given == nil { logger.logLevel = .warning }
        let load = loadCluster ?? { objects }
        let server = try WebhookServer(configuration: config, loadCluster: load, analyze: analysis, logger: logger,
                                       onServerRunning: { portSink.yield($0); portSink.finish() })
        let group = ServiceGroup(services: [try server.service()], logger: logger)
        let task = Task { try await group.run() }
        var port = 0
        for await p in ports { port = p }
        guard port > 0 else { throw ShellError(description: "server did not start") }
        if loadCluster == nil {
            // Wait for the (instant) cluster load so tests start from a ready server.
            for _ in 0..<500 where !server.store.isReady { try await Task.sleep(for: .milliseconds(10)) }
        }
        return RunningServer(server: server, port: port, group: group, task: task, certs: certs)
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    var base: String { "https://127.0.0.1:\(port)" }
}

/// One HTTPS client trusting exactly one CA; a new client means new TLS handshakes.
struct TestClient {
    let client: HTTPClient

    /// `http1Only`: speak HTTP/1.1 like kube-apiserver does; otherwise ALPN picks h2.
    /// `probe`: a short connect timeout, for clients expected to fail (AHC retries connecting
    /// until its connect timeout).
    /// `identity`: a client certificate and key (PEM files) to present.
    init(trusting caPath: String, http1Only: Bool = false, probe: Bool = false, identity: (cert: String, key: String)? = nil) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caPath))
        if let identity {
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile(identity.cert).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: identity.key, format: .pem))
        }
        var config = HTTPClient.Configuration(tlsConfiguration: tls)
        if http1Only { config.httpVersion = .http1Only }
        config.timeout = .init(connect: probe ? .milliseconds(500) : .seconds(5), read: .seconds(30))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    struct Reply {
        var status: Int
        var body: Data
        var headers: NIOHTTP1.HTTPHeaders = [:]
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
        var response: [String: Any]? { json?["response"] as? [String: Any] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Method { case GET, POST }

    func send(_ method: Method, _ url: String, body: Data? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        switch method {
        case .GET: request.method = .GET
        case .POST: request.method = .POST
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: Int(response.status.code), body: Data(buffer.readableBytesView), headers: response.headers)
    }

    func post(_ url: String, _ body: Data) async throws -> Reply { try await send(.POST, url, body: body) }

    func shutdown() async throws { try await client.shutdown() }
}

/// Runs `body` with a client and always shuts the client down.
func withClient<T>(trusting ca: String, _ body: (TestClient) async throws -> T) async throws -> T {
    let client = try TestClient(trusting: ca)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}

/// Edits a fixture as JSON.
func edited(_ data: Data, _ change: (inout [String: Any]) -> Void) throws -> Data {
    guard var json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw ShellError(description: "fixture is not a JSON object")
    }
    change(&json)
    return try JSONSerialization.data(withJSONObject: json)
}

func editedRequest(_ data: Data, _ change: (inout [String: Any]) -> Void) throws -> Data {
    try edited(data) { json in
        var request = json["request"] as? [String: Any] ?? [:]
        change(&request)
        json["request"] = request
    }
}

func finding(_ type: FindingType, _ severity: Verdict, _ message: String, plan: [PlanStep] = []) -> Finding {
    Finding(type: type, severity: severity, object: ObjectRef(kind: "Deployment", namespace: "default", name: "deny-me"),
            message: message, evidence: ["evidence"], fix: "lower the replicas", plan: plan)
}

func object(_ json: String) throws -> KubeObject {
    try ManifestDecoder.decodeValue(KubeObject.self, from: json)
}
