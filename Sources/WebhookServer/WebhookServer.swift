import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Admission
import KubeClient
import KubeModel
import Simulation

/// The admission webhook: TLS (HTTP/2 and HTTP/1.1), POST /validate, POST /allow, health,
/// readiness and metrics, run as a ServiceLifecycle service so SIGTERM drains it.
public struct WebhookServer: Sendable {
    public let configuration: WebhookConfiguration
    public let store: ClusterStore
    public let metrics: WebhookMetrics
    public let certificates: CertificateReloader
    let handler: AdmissionHandler
    let source: StateSource
    let logger: Logger
    let onServerRunning: @Sendable (Int) async -> Void
    /// The CA callers of /validate must present a certificate of (empty: anyone may call).
    let clientCA: [NIOSSLCertificate]

    /// - loadCluster: produces the cluster state; /readyz turns 200 once it has returned.
    /// - analyze: the analysis; defaults to `Analyzer` with `configuration.analysis`.
    /// - onServerRunning: called with the bound port once the server listens.
    public init(configuration: WebhookConfiguration,
                loadCluster: @escaping @Sendable () async throws -> [KubeObject],
                analyze: AnalyzeFunction? = nil,
                logger: Logger = Logger(label: "premortem"),
                onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws {
        try self.init(configuration: configuration, source: .cluster { Cluster(objects: try await loadCluster()) }, analyze: analyze, logger: logger,
                      onServerRunning: onServerRunning)
    }

    public init(configuration: WebhookConfiguration,
                source: StateSource,
                analyze: AnalyzeFunction? = nil,
                logger: Logger = Logger(label: "premortem"),
                onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws {
        self.configuration = configuration
        self.source = source
        self.logger = logger
        self.onServerRunning = onServerRunning
        let metrics = WebhookMetrics()
        self.metrics = metrics
        store = ClusterStore(options: configuration.analysis, metrics: metrics, logger: logger)
        if let path = configuration.clientCAPath {
            clientCA = try NIOSSLCertificate.fromPEMFile(path)
            guard !clientCA.isEmpty else { throw CertificateError("no certificate in the client CA file \(path)") }
        } else {
            clientCA = []
        }
        certificates = try CertificateReloader(
            certificatePath: configuration.certificatePath, privateKeyPath: configuration.privateKeyPath,
            interval: configuration.certificateReloadInterval, logger: logger)
        let analysis = analyze ?? { analyzer, change, deadline in analyzer.analyze(change, deadline: deadline) }
        handler = AdmissionHandler(
            configuration: configuration, store: store, runner: AnalysisRunner(analyze: analysis),
            queue: AdmissionQueue(limit: configuration.maxConcurrent), metrics: metrics, logger: logger)
    }

    /// The whole server as one service: run it in a ServiceGroup (tests) or via `run()`.
    public func service() throws -> some ServiceLifecycle.Service {
        let onServerRunning = self.onServerRunning
        let logger = self.logger
        let c = configuration
        let http1 = HTTP1Channel.Configuration(idleTimeout: TimeAmount(c.idleTimeout))
        // The HTTP/2 connection manager: idle connections closed, and at shutdown a peer that
        // never answers the GOAWAY's PING is dropped after the timeout instead of holding the
        // process (nil waited for ever).
        let http2 = HTTP2UpgradeChannel.Configuration(idleTimeout: c.idleTimeout, gracefulCloseTimeout: c.shutdownTimeout / 3,
                                                      maxAgeTimeout: nil, streamConfiguration: http1)
        let tls = certificates.tlsConfiguration(clientCA: clientCA)
        let handshake = TimeAmount(c.handshakeTimeout)
        let server = HTTPServerBuilder { responder in
            HandshakeDeadlineChannel(inner: try HTTP2UpgradeChannel(tlsConfiguration: tls, configuration: http2, responder: responder),
                                     timeout: handshake)
        }
        return Application(
            router: makeRouter(),
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "premortem", reuseAddress: true,
                                 availableConnectionsDelegate: MaximumAvailableConnections(c.maxConnections, logger: logger)),
            services: [certificates, ClusterLoader(store: store, source: source, logger: logger)],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting, finishes in-flight requests and returns.
    public func run() async throws {
        var settings = ServiceGroupConfiguration(
            services: [.init(service: try service())],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // Past this, the services are cancelled: every connection closes, whatever the peer does.
        settings.maximumGracefulShutdownDuration = configuration.shutdownTimeout
        settings.maximumCancellationDuration = .seconds(2)
        let group = ServiceGroup(configuration: settings)
        try await group.run()
    }

    func makeRouter() -> Router<WebhookRequestContext> {
        let router = Router(context: WebhookRequestContext.self)
        let handler = self.handler
        let store = self.store
        let metrics = self.metrics
        let maxBody = configuration.maxBodyBytes
        let bodyTimeout = configuration.bodyTimeout
        let requireClientCert = !clientCA.isEmpty

        router.post("/validate") { request, context -> Response in
            let received = ContinuousClock.now
            if requireClientCert, let refusal = await CallerCheck.refusal(context.channel) {
                metrics.unauthenticated()
                return refusal
            }
            let body: Data
            switch await Self.collect(request, limit: maxBody, timeout: bodyTimeout) {
            case .success(let data): body = data
            case .failure(let failure):
                // A stream the peer cancelled or reset is not a bad request: nobody sent one.
                // (A stream or connection no longer active is one the peer gave up on.)
                if !failure.cancelled && context.channel.isActive { metrics.badRequest() }
                return failure.response
            }
            // Reset or closed while its body came in: nobody is waiting for an answer (and an
            // HTTP/2 stream reset mid-body ends the body early: it is no bad request either).
            guard context.channel.isActive else { return Self.problem(.badRequest, "stream closed by the client") }
            let timeout = request.uri.queryParameters["timeout"].flatMap { GoDuration.parse($0) }
            switch await handler.handle(body: body, timeout: timeout, received: received) {
            case .review(let review): return Self.json(review.encoded())
            case .badRequest(let message): return Self.problem(.badRequest, message)
            }
        }
        router.post("/allow") { request, context -> Response in
            if requireClientCert, let refusal = await CallerCheck.refusal(context.channel) {
                metrics.unauthenticated()
                return refusal
            }
            switch await Self.collect(request, limit: maxBody, timeout: bodyTimeout) {
            case .failure(let failure): return failure.response
            case .success(let data):
                guard let minimal = try? JSONDecoder().decode(MinimalReview.self, from: data),
                      minimal.kind == "AdmissionReview",
                      let version = minimal.apiVersion.flatMap(AdmissionReviewVersion.init(rawValue:)),
                      let uid = minimal.request?.uid, !uid.isEmpty
                else { return Self.problem(.badRequest, "body is not an AdmissionReview request") }
                return Self.json(AdmissionReviewResponse(apiVersion: version,
                                                         response: .init(uid: uid, allowed: true)).encoded())
            }
        }
        // Only POST is routed; without these a GET said 404, as if there were no webhook here.
        for path in ["/validate", "/allow"] {
            router.on(RouterPath(path), method: .get) { _, _ -> Response in Self.notAllowed() }
            router.on(RouterPath(path), method: .put) { _, _ -> Response in Self.notAllowed() }
            router.on(RouterPath(path), method: .delete) { _, _ -> Response in Self.notAllowed() }
            router.on(RouterPath(path), method: .head) { _, _ -> Response in Self.notAllowed() }
        }
        router.get("/healthz") { _, _ in Self.text(.ok, "ok\n") }
        router.get("/readyz") { _, _ -> Response in
            if store.isReady { return Self.text(.ok, "ready\n") }
            let pending = store.pendingKinds
            return Self.text(.serviceUnavailable, pending.isEmpty ? "cluster state not loaded\n"
                             : "cluster state not loaded; still listing: \(pending.joined(separator: ", "))\n")
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        return router
    }

    private struct MinimalReview: Decodable {
        struct Request: Decodable { var uid: String? }
        var apiVersion: String?
        var kind: String?
        var request: Request?
    }

    struct BodyFailure: Error {
        var response: Response
        /// The peer went away (cancelled or reset the stream): not its fault as a request.
        var cancelled = false
    }

    static func notAllowed() -> Response {
        var r = problem(.methodNotAllowed, "use POST")
        r.headers[.allow] = "POST"
        return r
    }

    /// The request body, or the 413/408/400 response that refuses it. The whole body must
    /// arrive within `timeout`: a client trickling it would otherwise hold its memory and a
    /// slot in the connection limit for as long as it likes.
    static func collect(_ request: Request, limit: Int, timeout: Duration) async -> Result<Data, BodyFailure> {
        let tooLarge = BodyFailure(response: problem(.contentTooLarge, "request body is larger than \(limit) bytes"))
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            return .failure(tooLarge)
        }
        let body = request.body
        do {
            let buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
                group.addTask { try await body.collect(upTo: limit) }
                group.addTask { try await Task.sleep(for: timeout); return nil }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
            guard let buffer else {
                return .failure(BodyFailure(response: problem(.requestTimeout, "request body not received within \(AdmissionHandler.Note.seconds(timeout))")))
            }
            return .success(Data(buffer.readableBytesView))
        } catch is NIOTooManyBytesError {
            return .failure(tooLarge)
        } catch {
            let cancelled = Task.isCancelled || error is CancellationError || "\(error)".contains("ioOnClosedChannel")
                || "\(error)".lowercased().contains("reset") || "\(error)".lowercased().contains("cancel")
            return .failure(BodyFailure(response: problem(.badRequest, "could not read the request body: \(error)"),
                                        cancelled: cancelled))
        }
    }

    static func json(_ data: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Errors as a small JSON object, so both people and scripts can read them.
    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body = "{\"code\":\(status.code),\"message\":\(JSONLogHandler.quote(message))}\n"
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Where the server's cluster state comes from.
public enum StateSource: Sendable {
    /// A fixed cluster (a snapshot folder, the demo), loaded once.
    case cluster(@Sendable () async throws -> Cluster)
    /// The cluster itself, listed and watched through `api` (Secrets' metadata only on request).
    case live(KubeAPI, secrets: Bool, settings: Reflector.Settings = .init())
}

/// Loads the cluster state (once, or by list and watch), then stays up until shutdown (a
/// ServiceGroup ends when any service returns). A cluster that cannot be loaded stops the
/// server: it could not judge anything.
struct ClusterLoader: ServiceLifecycle.Service {
    let store: ClusterStore
    let source: StateSource
    let logger: Logger

    func run() async throws {
        switch source {
        case .cluster(let load):
            let started = ContinuousClock.now
            // A load still running at shutdown is abandoned rather than holding the shutdown up.
            let cluster: Cluster
            do { cluster = try await cancelWhenGracefulShutdown { try await load() } } catch is CancellationError { return }
            await store.load(cluster)
            logger.info("cluster state loaded", metadata: [
                "objects": .stringConvertible(cluster.count),
                "duration_ms": .stringConvertible(started.duration(to: .now).components.attoseconds / 1_000_000_000_000_000
                                                  + started.duration(to: .now).components.seconds * 1000),
            ])
            try? await gracefulShutdown()
        case .live(let api, let secrets, let settings):
            let live = LiveCluster(api: api, secrets: secrets, settings: settings,
                                   observer: store.metrics?.reflectorObserver ?? .init(), logger: logger)
            store.startLive(kinds: live.resources.map(\.kind))
            let store = self.store
            await cancelWhenGracefulShutdown {
                await live.run { store.receive($0) }
            }
            await live.api.shutdown()
        }
    }
}
