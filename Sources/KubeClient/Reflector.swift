import Foundation
import KubeModel
import Logging

/// Lists one kind and then watches it, as client-go's reflector does: a paginated list
/// (`limit`/`continue`), a watch from the list's resourceVersion with bookmarks, a relist
/// when the server says the version is gone (410) or a continue token expired, reconnects
/// with capped exponential backoff and jitter, and a watch timeout so that a dead
/// connection is noticed.
public struct Reflector: Sendable {
    public struct Settings: Sendable {
        public var pageSize = 500
        /// The server ends each watch after a random time in this range (client-go: 5-10 min).
        public var watchTimeout: ClosedRange<Int> = 300...600
        public var initialBackoff: Duration = .milliseconds(800)
        public var maxBackoff: Duration = .seconds(30)
        public init() {}
    }

    let resource: APIResource
    let api: KubeAPI
    let settings: Settings
    let sink: @Sendable (ClusterEvent) -> Void
    let observer: ReflectorObserver
    let logger: Logger
    /// Shared by the reflectors of one cluster, so that objects of different kinds share values.
    let interner: Interner

    public init(resource: APIResource, api: KubeAPI, settings: Settings = Settings(), observer: ReflectorObserver = ReflectorObserver(),
                interner: Interner = Interner(), logger: Logger, sink: @escaping @Sendable (ClusterEvent) -> Void) {
        self.resource = resource; self.api = api; self.settings = settings
        self.observer = observer; self.interner = interner; self.logger = logger; self.sink = sink
    }

    /// Runs until the task is cancelled.
    public func run() async {
        var version: String?
        var resourceVersion: String?
        var failures = 0
        while !Task.isCancelled {
            do throws(KubeClientError) {
                if version == nil { version = try await discover() }
                guard let version else { return }
                if resourceVersion == nil {
                    let (objects, rv) = try await list(version: version, interner: interner)
                    interner.listed(resource.kind, objects.count)
                    sink(.replace(kind: resource.kind, objects: objects))
                    observer.listed(resource.kind, objects.count)
                    resourceVersion = rv
                }
                failures = 0
                // Kept as events arrive: a watch that drops resumes after the last one it delivered.
                var rv = resourceVersion!
                defer { resourceVersion = rv }
                try await api.watch(resource, version: version, resourceVersion: rv,
                                    timeoutSeconds: Int.random(in: settings.watchTimeout), interner: interner) { event in
                    switch event {
                    case .added(let o), .modified(let o):
                        rv = o.metadata.resourceVersion ?? rv
                        observer.event(resource.kind, Self.name(event))
                        sink(.upsert(o))
                    case .deleted(let o):
                        rv = o.metadata.resourceVersion ?? rv
                        observer.event(resource.kind, "DELETED")
                        sink(.delete(o))
                    case .bookmark(let v):
                        if !v.isEmpty { rv = v }
                        observer.event(resource.kind, "BOOKMARK")
                    case .malformed(let why):
                        observer.skipped(resource.kind)
                        logger.warning("skipped a watch event that could not be read", metadata: ["kind": .string(resource.kind), "error": .string(why)])
                    case .error: break
                    }
                }
                interner.dropIfStale()
            } catch {
                if case .expired = error {
                    logger.info("resource version expired; listing again", metadata: ["kind": .string(resource.kind)])
                    observer.relisted(resource.kind)
                    resourceVersion = nil
                    continue
                }
                failures += 1
                observer.reconnected(resource.kind)
                let wait = backoff(failures)
                logger.warning("list/watch failed; retrying", metadata: [
                    "kind": .string(resource.kind), "error": .string(error.description),
                    "retry_in_ms": .stringConvertible(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000),
                ])
                try? await Task.sleep(for: wait)
            }
        }
    }

    static func name(_ e: WatchEvent) -> String {
        switch e {
        case .added: "ADDED"
        case .modified: "MODIFIED"
        case .deleted: "DELETED"
        case .bookmark: "BOOKMARK"
        case .error: "ERROR"
        case .malformed: "MALFORMED"
        }
    }

    /// Capped exponential backoff with ±50% jitter, so that reflectors that failed together
    /// do not retry together.
    func backoff(_ failures: Int) -> Duration {
        let base = settings.initialBackoff * (1 << min(failures - 1, 16))
        let capped = min(base, settings.maxBackoff)
        return capped * Double.random(in: 0.5...1.5)
    }

    /// The first version of the resource the server serves; nil when it serves none (a kind
    /// newer than the cluster: nothing of it can exist).
    func discover() async throws(KubeClientError) -> String? {
        for v in resource.versions {
            do throws(KubeClientError) {
                _ = try await api.listPage(resource, version: v, limit: 1, continueToken: nil, interner: Interner())
                return v
            } catch {
                if case .http(404, _, _) = error { continue }
                throw error
            }
        }
        logger.notice("the API server serves no version of this kind; treating it as empty",
                      metadata: ["kind": .string(resource.kind), "versions": .string(resource.versions.joined(separator: ","))])
        sink(.replace(kind: resource.kind, objects: []))
        observer.listed(resource.kind, 0)
        return nil
    }

    /// Every object of the kind, page by page; an expired continue token starts over.
    public func list(version: String, interner: Interner) async throws(KubeClientError) -> ([KubeObject], String) {
        var attempts = 0
        while true {
            var objects: [KubeObject] = []
            var token: String?
            var rv = ""
            do throws(KubeClientError) {
                repeat {
                    let page = try await api.listPage(resource, version: version, limit: settings.pageSize, continueToken: token, interner: interner)
                    objects += page.objects
                    for s in page.skipped {
                        observer.skipped(resource.kind)
                        logger.warning("skipped an object that could not be read", metadata: ["kind": .string(resource.kind), "error": .string(s)])
                    }
                    token = page.continueToken
                    rv = page.resourceVersion
                } while token != nil
                return (objects, rv)
            } catch {
                guard case .expired = error, attempts < 3 else { throw error }
                attempts += 1
                observer.relisted(resource.kind)
            }
        }
    }
}
