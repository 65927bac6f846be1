import AsyncHTTPClient
import Foundation
import KubeModel
import NIOCore
import NIOHTTP1

/// One page of a list: its objects, and where the next page or the watch starts.
public struct ListPage: Sendable {
    public var objects: [KubeObject]
    public var resourceVersion: String
    public var continueToken: String?
    /// Items that could not be read, with why (logged and skipped, never fatal).
    public var skipped: [String]
}

/// The API server's calls the state source makes: paginated lists and watches, over
/// AsyncHTTPClient, with the credentials' TLS and token.
public final class KubeAPI: Sendable {
    public let credentials: ClusterCredentials
    let http: HTTPClient
    /// A watch (or list) that sends nothing for this long is taken for dead.
    public let readTimeout: Duration

    public init(credentials: ClusterCredentials, readTimeout: Duration = .seconds(90)) throws(KubeClientError) {
        if credentials.tlsServerName != nil {
            throw .unsupported("tls-server-name in the kubeconfig is not supported; use a server address that matches the API server's certificate")
        }
        self.credentials = credentials
        self.readTimeout = readTimeout
        var config = HTTPClient.Configuration(tlsConfiguration: credentials.tlsConfiguration)
        config.timeout = .init(connect: .seconds(10), read: .nanoseconds(Int64(readTimeout.components.seconds * 1_000_000_000
                                                                                 + readTimeout.components.attoseconds / 1_000_000_000)))
        config.decompression = .enabled(limit: .ratio(50))
        // A watch holds its connection for minutes: over HTTP/1.1 (a server without h2) every
        // kind needs one of its own, beside the lists.
        config.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    public func shutdown() async { try? await http.shutdown() }

    func request(_ path: String, query: [(String, String)], metadataOnly: Bool, list: Bool) -> HTTPClientRequest {
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        let q = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        var r = HTTPClientRequest(url: credentials.server + path + q)
        r.method = .GET
        let accept = metadataOnly
            ? "application/json;as=PartialObjectMetadata\(list ? "List" : "");g=meta.k8s.io;v=v1,application/json"
            : "application/json"
        r.headers.add(name: "Accept", value: accept)
        r.headers.add(name: "User-Agent", value: "premortem")
        if let token = credentials.token?.token() {
            r.headers.add(name: "Authorization", value: "Bearer \(token)")
        } else if let basic = credentials.basicAuth {
            r.headers.add(name: "Authorization", value: "Basic " + Data("\(basic.user):\(basic.password)".utf8).base64EncodedString())
        }
        return r
    }

    /// Sends a request; a status other than 200 becomes the error it means.
    func send(_ request: HTTPClientRequest, resource: String, deadline: Duration) async throws(KubeClientError) -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .seconds(Int64(max(1, deadline.components.seconds))))
        } catch {
            throw .transport("\(resource): \(error)")
        }
        guard response.status == .ok else {
            let body = (try? await response.body.collect(upTo: 1 << 20)).map { String(buffer: $0) } ?? ""
            let message = Self.statusMessage(body)
            if response.status.code == 410 { throw .expired(resource: resource) }
            if response.status.code == 401 { credentials.token?.invalidate() }
            throw .http(status: Int(response.status.code), reason: message ?? response.status.reasonPhrase, resource: resource)
        }
        return response
    }

    /// One page of a list (`limit`/`continue`).
    public func listPage(_ resource: APIResource, version: String, limit: Int, continueToken: String?,
                         interner: Interner) async throws(KubeClientError) -> ListPage {
        var query = [("limit", String(limit))]
        if let continueToken { query.append(("continue", continueToken)) }
        let response = try await send(request(resource.path(version: version), query: query, metadataOnly: resource.metadataOnly, list: true),
                                      resource: resource.description, deadline: .seconds(120))
        let body: ByteBuffer
        do { body = try await response.body.collect(upTo: 1 << 30) } catch { throw .transport("\(resource): \(error)") }
        return try Self.decodeList(body, kind: resource.kind, interner: interner)
    }

    static func decodeList(_ body: ByteBuffer, kind: String, interner: Interner) throws(KubeClientError) -> ListPage {
        let result: Result<ListPage, DecodeError> = body.withUnsafeReadableBytes { raw in
            var r = JSONReader(raw, interner: interner)
            var page = ListPage(objects: [], resourceVersion: "", continueToken: nil, skipped: [])
            do throws(DecodeError) {
                try r.beginObject()
                while let key = try r.nextKey() {
                    switch key {
                    case "metadata":
                        try r.beginObject()
                        while let k = try r.nextKey() {
                            switch k {
                            case "resourceVersion": page.resourceVersion = try r.readStringOrNil() ?? ""
                            case "continue": page.continueToken = try r.readStringOrNil().flatMap { $0.isEmpty ? nil : $0 }
                            default: try r.skipValue()
                            }
                        }
                    case "items":
                        if r.readNull() { continue }
                        try r.beginArray()
                        while try r.nextElement() {
                            let (start, depth) = (r.offset, r.depth)
                            do throws(DecodeError) {
                                page.objects.append(try KubeObject(json: &r, kind: kind))
                            } catch {
                                if error.message.hasPrefix("not valid JSON") { throw error }
                                page.skipped.append(error.description)
                                r.rewind(to: start, depth: depth)
                                try r.skipValue()
                            }
                        }
                    default: try r.skipValue()
                    }
                }
                return .success(page)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let page): return page
        case .failure(let e): throw .decode("list of \(kind): \(e)")
        }
    }

    /// Watches from `resourceVersion`, handing each event to `onEvent` as it arrives, until
    /// the server ends the watch (after `timeoutSeconds`), the connection drops, or the
    /// server says the version is gone (410).
    public func watch(_ resource: APIResource, version: String, resourceVersion: String, timeoutSeconds: Int,
                      interner: Interner, onEvent: (WatchEvent) async -> Void) async throws(KubeClientError) {
        let query = [("watch", "1"), ("resourceVersion", resourceVersion), ("allowWatchBookmarks", "true"),
                     ("timeoutSeconds", String(timeoutSeconds))]
        let response = try await send(request(resource.path(version: version), query: query, metadataOnly: resource.metadataOnly, list: false),
                                      resource: resource.description, deadline: .seconds(Int64(timeoutSeconds) + 30))
        var lines = LineBuffer()
        do {
            for try await chunk in response.body {
                lines.append(chunk)
                while let line = lines.next() {
                    let event = WatchEvent.decode(line, kind: resource.kind, interner: interner)
                    if case .error(let code, let message) = event {
                        if code == 410 { throw KubeClientError.expired(resource: resource.description) }
                        throw KubeClientError.http(status: code, reason: message, resource: resource.description)
                    }
                    await onEvent(event)
                }
                if lines.pending > WatchEvent.maxLine {
                    throw KubeClientError.decode("\(resource): a watch event longer than \(WatchEvent.maxLine >> 20) MiB")
                }
            }
        } catch let e as KubeClientError {
            throw e
        } catch {
            throw .transport("\(resource) watch: \(error)")
        }
        // A last line without its newline is a truncated event: dropped, the watch resumes.
        if lines.pending > 0 { await onEvent(.malformed("the watch ended in the middle of an event")) }
    }

    static func statusMessage(_ body: String) -> String? {
        let bytes = Array(body.utf8)
        return bytes.withUnsafeBytes { raw -> String? in
            var r = JSONReader(raw)
            guard (try? r.beginObject()) != nil else { return nil }
            while let key = try? r.nextKey() {
                if case "message" = key { return try? r.readStringOrNil() }
                if (try? r.skipValue()) == nil { return nil }
            }
            return nil
        }
    }
}

/// Bytes of a stream split into lines.
struct LineBuffer {
    private var bytes: [UInt8] = []
    private var start = 0

    var pending: Int { bytes.count - start }

    mutating func append(_ buffer: ByteBuffer) {
        if start > 0 && start == bytes.count { bytes.removeAll(keepingCapacity: true); start = 0 }
        bytes.append(contentsOf: buffer.readableBytesView)
    }

    mutating func next() -> [UInt8]? {
        guard let nl = bytes[start...].firstIndex(of: 0x0A) else {
            if start > 0 { bytes.removeFirst(start); start = 0 }
            return nil
        }
        let line = Array(bytes[start..<nl])
        start = nl + 1
        return line
    }
}
