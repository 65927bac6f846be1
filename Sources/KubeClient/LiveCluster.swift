import Foundation
import KubeModel
import Logging
import Synchronization

/// The cluster as the API server reports it, kept up to date: one reflector per kind, all
/// feeding one sink. Ready once every kind has been listed.
public final class LiveCluster: Sendable {
    public let api: KubeAPI
    public let resources: [APIResource]
    let settings: Reflector.Settings
    let logger: Logger
    private let listed = ListedKinds()
    private let observer: ReflectorObserver

    public init(api: KubeAPI, secrets: Bool = false, settings: Reflector.Settings = .init(), observer: ReflectorObserver = .init(),
                logger: Logger) {
        self.api = api
        self.resources = APIResource.all(secrets: secrets)
        self.settings = settings
        self.logger = logger
        var tracked = observer
        let listed = self.listed
        let inner = observer.listed
        tracked.listed = { kind, count in
            listed.insert(kind)
            inner(kind, count)
        }
        self.observer = tracked
    }

    /// Whether every kind has been listed at least once.
    public var isReady: Bool { listed.count >= resources.count }

    /// Kinds not listed yet, for /readyz.
    public var pendingKinds: [String] {
        let done = listed.all
        return resources.map(\.kind).filter { !done.contains($0) }
    }

    /// Lists and watches every kind until cancelled, handing events to `sink`.
    public func run(sink: @escaping @Sendable (ClusterEvent) -> Void) async {
        logger.info("watching the cluster", metadata: ["server": .string(api.credentials.server), "credentials": .string(api.credentials.origin),
                                                       "kinds": .stringConvertible(resources.count)])
        let interner = Interner()
        await withTaskGroup(of: Void.self) { group in
            for r in resources {
                let reflector = Reflector(resource: r, api: api, settings: settings, observer: observer, interner: interner,
                                          logger: logger, sink: sink)
                group.addTask { await reflector.run() }
            }
        }
    }
}

/// The kinds listed so far, shared with the reflectors' observer.
private final class ListedKinds: Sendable {
    private let kinds = Mutex<Set<String>>([])
    func insert(_ kind: String) { kinds.withLock { _ = $0.insert(kind) } }
    var count: Int { kinds.withLock { $0.count } }
    var all: Set<String> { kinds.withLock { $0 } }
}
