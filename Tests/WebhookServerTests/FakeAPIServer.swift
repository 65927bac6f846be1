import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A small stand-in for kube-apiserver on 127.0.0.1: it answers list and watch requests in
/// the real wire format (`kind: PodList` with `metadata.continue`, a chunked stream of
/// `{"type":...,"object":...}` lines), from objects and scripted watch streams a test sets.
/// Every request is recorded with its query and bearer token.
final class FakeAPIServer: Sendable {
    /// What one watch request gets: lines with pauses, then the end of the stream or a drop.
    enum Step: Sendable {
        case line(String)
        case pause(Duration)
        /// Closes the connection at once (with whatever was written so far).
        case drop
    }

    struct Request: Sendable {
        var path: String
        var query: [String: String]
        var token: String?
        var isWatch: Bool { query["watch"] == "1" }
    }

    private struct State {
        /// Items of each collection path, in order, as JSON without kind (as typed lists send them).
        var items: [String: [String]] = [:]
        var resourceVersion = 10
        var scripts: [String: [[Step]]] = [:]
        var requests: [Request] = []
        /// When set, requests with another token get 401.
        var token: String?
    }

    private let state = Mutex(State())
    private let group: ServiceGroup
    let port: Int
    private let task: Task<Void, any Error>

    var base: String { "http://127.0.0.1:\(port)" }

    private init(group: ServiceGroup, port: Int, task: Task<Void, any Error>) {
        self.group = group; self.port = port; self.task = task
    }

    static func start() async throws -> FakeAPIServer {
        let box = Holder()
        let router = Router()
        router.get("**") { request, _ -> Response in
            guard let server = box.server else { return Response(status: .serviceUnavailable) }
            return server.answer(request)
        }
        let ports = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { ports.continuation.yield($0.localAddress?.port ?? 0) },
                              logger: Logger(label: "fake-apiserver"))
        let group = ServiceGroup(services: [app], logger: Logger(label: "fake-apiserver"))
        let task = Task { try await group.run() }
        var iterator = ports.stream.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        let server = FakeAPIServer(group: group, port: port, task: task)
        box.server = server
        return server
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    // MARK: what the test sets

    func setItems(_ path: String, _ items: [String]) { state.withLock { $0.items[path] = items } }
    func setResourceVersion(_ v: Int) { state.withLock { $0.resourceVersion = v } }
    /// Queues the stream the next watch of `path` gets; with none queued, a watch stays open
    /// (quiet) until its timeout.
    func script(_ path: String, _ steps: [Step]) { state.withLock { $0.scripts[path, default: []].append(steps) } }
    func requireToken(_ token: String?) { state.withLock { $0.token = token } }
    var requests: [Request] { state.withLock { $0.requests } }

    // MARK: answers

    private func answer(_ request: Hummingbird.Request) -> Response {
        var query: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { query[String(k)] = String(v) }
        let auth = request.headers[.authorization].map { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : $0 }
        let path = request.uri.path
        let recorded = Request(path: path, query: query, token: auth)
        let (expected, rv, items, steps): (String?, Int, [String]?, [Step]?) = state.withLock { s in
            s.requests.append(recorded)
            let steps = recorded.isWatch ? (s.scripts[path]?.isEmpty == false ? s.scripts[path]!.removeFirst() : nil) : nil
            return (s.token, s.resourceVersion, s.items[path], steps)
        }
        if let expected, auth != expected {
            return json(.unauthorized, #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#)
        }
        guard let items else {
            return json(.notFound, #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","code":404}"#)
        }
        if recorded.isWatch { return watch(steps ?? [.pause(.seconds(Double(query["timeoutSeconds"].flatMap(Int.init) ?? 60)))]) }
        // Paginate: `continue` is the index of the next item.
        let limit = query["limit"].flatMap(Int.init) ?? items.count
        let start = query["continue"].flatMap(Int.init) ?? 0
        let page = Array(items[min(start, items.count)..<min(start + max(limit, 1), items.count)])
        let next = start + page.count < items.count ? #","continue":"\#(start + page.count)""# : ""
        return json(.ok, #"{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"\#(rv)"\#(next)},"items":[\#(page.joined(separator: ","))]}"#)
    }

    private func watch(_ steps: [Step]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json", .transferEncoding: "chunked"],
                 body: ResponseBody { writer in
                     for step in steps {
                         switch step {
                         case .line(let text): try await writer.write(ByteBuffer(string: text))
                         case .pause(let d): try await Task.sleep(for: d)
                         case .drop: throw CancellationError()
                         }
                     }
                     try await writer.finish(nil)
                 })
    }

    private func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

private final class Holder: @unchecked Sendable {
    // Set once before the first request can arrive (the port is only known after start).
    var server: FakeAPIServer?
}

/// A pod as a typed list item (no kind) or, with `kind`, as a watch event's object.
func podJSON(_ name: String, rv: Int, node: String? = nil, labels: String = #"{"app":"web"}"#, withKind: Bool = false) -> String {
    let kind = withKind ? #""kind":"Pod","apiVersion":"v1","# : ""
    let nodeName = node.map { #","nodeName":"\#($0)""# } ?? ""
    return #"{\#(kind)"metadata":{"name":"\#(name)","namespace":"shop","resourceVersion":"\#(rv)","labels":\#(labels)},"spec":{"containers":[{"name":"app","resources":{"requests":{"cpu":"100m"}}}]\#(nodeName)},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}"#
}

func watchLine(_ type: String, _ object: String) -> String { #"{"type":"\#(type)","object":\#(object)}"# + "\n" }
