import Dispatch
import Logging
import Synchronization
import Admission
import KubeClient
import KubeModel
import Simulation

/// The server's picture of the cluster, held as a settled `Analyzer` (settling a whole
/// cluster is the expensive part, so it is done once and then updated in place). Two things
/// change it, in the order they happen, on one serial queue off the event loops: admitted
/// reviews (applied at once, so that a run of requests such as a Helm release is judged as a
/// whole) and, with a live cluster, watch events, applied in batches.
public final class ClusterStore: Sendable {
    struct State {
        /// The published state analyses read; nil until the cluster is loaded.
        var analyzer: Analyzer?
        /// Objects listed while a live cluster is still being read.
        var loading = Cluster()
        var optimistic = OptimisticObjects()
        /// Whether a watch confirms admitted changes (live) or nothing does (a folder, the demo).
        var live = false
        /// Kinds a live cluster has not listed yet: the state is built once none is left.
        var pendingKinds: Set<String> = []
    }

    private let state = StateBox()
    /// Serial: changes are applied in the order they were admitted or watched.
    private let queue = DispatchQueue(label: "premortem.cluster-state", qos: .userInitiated)
    private let timers = DispatchQueue(label: "premortem.cluster-state-deadline", qos: .userInteractive)
    private let inbox = Inbox()
    private let options: AnalysisOptions
    let metrics: WebhookMetrics?
    private let logger: Logger
    /// How long an admitted object may wait for the watch to confirm it.
    let optimisticLifetime: Duration

    public init(options: AnalysisOptions = AnalysisOptions(), metrics: WebhookMetrics? = nil,
                optimisticLifetime: Duration = .seconds(30), logger: Logger = Logger(label: "premortem")) {
        self.options = options; self.metrics = metrics; self.logger = logger
        self.optimisticLifetime = optimisticLifetime
    }

    /// Loads a fixed cluster (a snapshot folder, the demo).
    public func load(_ cluster: Cluster) async {
        let options = self.options
        let analyzer = await onQueue { Analyzer(cluster: cluster, options: options) }
        state.withLock { $0.analyzer = analyzer; $0.live = false }
        publishSize(analyzer)
    }

    public func load(_ objects: [KubeObject]) async { await load(Cluster(objects: objects)) }



    public var isReady: Bool { state.withLock { $0.analyzer != nil } }

    /// The analyzer for the cluster as it stands now.
    public func analyzer() -> Analyzer? { state.withLock { $0.analyzer } }

    /// Admitted objects not confirmed by a watch (or, without one, held for good).
    public var optimisticCount: Int { state.withLock { $0.optimistic.count } }

    /// Returns once the change is part of the state, so the next request of a sequence
    /// (sent after this one's answer) is judged with it; but not later than `deadline`, since
    /// the answer must reach the apiserver in time. The change is applied either way, in order.
    public func apply(_ change: Change, waitingUntil deadline: ContinuousClock.Instant? = nil) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = ResumeOnce(continuation)
            queue.async { [self] in
                LargeStackThread.sync { self.applyAdmitted(change) }
                once.resume()
            }
            if let deadline {
                timers.asyncAfter(deadline: .now() + .nanoseconds(Self.nanos(until: deadline))) { once.resume() }
            }
        }
    }

    private func applyAdmitted(_ change: Change) {
        guard let before = analyzer(), let ref = change.ref else { return }
        let previous = before.cluster[ref]
        let after = before.applying(change)
        let held = state.withLock { s -> Int in
            s.analyzer = after
            s.optimistic.admitted(change, ref: ref, previous: previous, at: .now)
            return s.optimistic.count
        }
        metrics?.optimisticObjects(held)
        publishSize(after)
        if !state.withLock({ $0.live }) {
            logger.debug("admitted change applied to the state", metadata: ["object": .string(ref.description),
                                                                            "optimistic_objects": .stringConvertible(held)])
            // Without a watch nothing ever confirms or takes back an admitted object: say how
            // many are held (at 1, 2, 4, 8, ...), so a state poisoned by forged reviews shows.
            if held & (held - 1) == 0 {
                logger.notice("admitted objects held in the state with no watch to confirm them", metadata: [
                    "optimistic_objects": .stringConvertible(held), "latest": .string(ref.description),
                    "metric": "premortem_cluster_optimistic_objects_count"])
            }
        }
    }

    /// The labels of Namespace `name`, if the cluster has it.
    public func namespaceLabels(_ name: String?) -> [String: String]? {
        guard let name, !name.isEmpty else { return nil }
        return analyzer()?.cluster[ObjectRef(kind: "Namespace", namespace: nil, name: name)]?.metadata.labels
    }

    func publishSize(_ analyzer: Analyzer) {
        metrics?.clusterSize(analyzer.cluster.count)
    }

    static func nanos(until deadline: ContinuousClock.Instant) -> Int {
        let wait = max(.zero, ContinuousClock.now.duration(to: deadline))
        return Int(wait.components.seconds * 1_000_000_000 + wait.components.attoseconds / 1_000_000_000)
    }

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: LargeStackThread.sync(work)) }
        }
    }
}

// MARK: live

extension ClusterStore {
    /// Takes an event from a reflector. Events queue up while one batch is applied and go
    /// in as the next batch: under a burst, the state is settled once per batch, not per event.
    public func receive(_ event: ClusterEvent) {
        if inbox.push(event, at: .now) {
            queue.async { [self] in LargeStackThread.sync { self.drain() } }
        }
    }

    /// Marks the store as fed by a live watch of `kinds`: it is ready once each was listed.
    public func startLive(kinds: [String]) {
        state.withLock { $0.live = true; $0.pendingKinds = Set(kinds) }
        sweepLater()
    }

    /// Kinds a live cluster has not listed yet (empty when ready or not live).
    public var pendingKinds: [String] { state.withLock { $0.pendingKinds.sorted() } }

    private func drain() {
        let (events, oldest) = inbox.takeAll()
        guard !events.isEmpty else { return }
        if let oldest {
            let lag = oldest.duration(to: .now)
            metrics?.watchLag(lag)
            if lag > .seconds(2) {
                logger.warning("the cluster state is falling behind the watch", metadata: [
                    "lag_ms": .stringConvertible(lag.components.seconds * 1000 + lag.components.attoseconds / 1_000_000_000_000_000),
                    "events": .stringConvertible(events.count)])
            }
        }
        guard let current = analyzer() else {
            // Still listing: collect objects; build the state once every kind is in.
            let ready = state.withLock { s -> Bool in
                for e in events {
                    Self.absorb(e, into: &s.loading)
                    if case .replace(let kind, _) = e { s.pendingKinds.remove(kind) }
                }
                return s.live && s.pendingKinds.isEmpty
            }
            if ready { finishLoading() }
            return
        }
        var changes: [Change] = []
        state.withLock { s in
            var view = current.cluster
            for e in events { changes += Self.changes(for: e, in: &view, optimistic: &s.optimistic) }
        }
        metrics?.watchApplied(events.count)
        guard !changes.isEmpty else { return }
        let after = current.applying(changes)
        state.withLock { $0.analyzer = after }
        metrics?.optimisticObjects(optimisticCount)
        publishSize(after)
    }

    private func finishLoading() {
        let cluster = state.withLock { s -> Cluster in
            let c = s.loading
            s.loading = Cluster()
            return c
        }
        let started = ContinuousClock.now
        let analyzer = Analyzer(cluster: cluster, options: options)
        state.withLock { $0.analyzer = analyzer }
        publishSize(analyzer)
        logger.info("cluster state loaded from the API", metadata: [
            "objects": .stringConvertible(cluster.count),
            "settle_ms": .stringConvertible(started.duration(to: .now).components.attoseconds / 1_000_000_000_000_000
                                            + started.duration(to: .now).components.seconds * 1000)])
    }

    /// While listing: the objects of each kind as the lists and first events give them.
    static func absorb(_ e: ClusterEvent, into c: inout Cluster) {
        switch e {
        case .replace(let kind, let objects):
            for ref in c.refs(ofKind: kind) { c.remove(ref) }
            for o in objects { c.insert(o) }
        case .upsert(let o): c.insert(o)
        case .delete(let o): c.remove(o.ref)
        }
    }

    /// The changes an event makes to what the state holds (`view`, kept current as the batch
    /// goes): nothing for an object we already hold as it is, and nothing for an event older
    /// than an admitted change of the same object.
    static func changes(for e: ClusterEvent, in view: inout Cluster, optimistic: inout OptimisticObjects) -> [Change] {
        func upsert(_ o: KubeObject) -> Change? {
            let ref = o.ref
            guard optimistic.accept(ref, resourceVersion: o.metadata.resourceVersion) else { return nil }
            let existing = view[ref]
            if existing == o { return nil }
            view.insert(o)
            return Change(operation: existing == nil ? .create : .update, object: o, oldObject: existing)
        }
        func delete(_ ref: ObjectRef, resourceVersion: String?) -> Change? {
            guard optimistic.accept(ref, resourceVersion: resourceVersion), let existing = view[ref] else { return nil }
            view.remove(ref)
            return Change(operation: .delete, object: nil, oldObject: existing)
        }
        switch e {
        case .upsert(let o): return upsert(o).map { [$0] } ?? []
        case .delete(let o): return delete(o.ref, resourceVersion: o.metadata.resourceVersion).map { [$0] } ?? []
        case .replace(let kind, let objects):
            let listed = Set(objects.map(\.ref))
            var out: [Change] = []
            for ref in view.refs(ofKind: kind).sorted() where !listed.contains(ref) && optimistic.entries[ref] == nil {
                if let c = delete(ref, resourceVersion: nil) { out.append(c) }
            }
            for o in objects { if let c = upsert(o) { out.append(c) } }
            return out
        }
    }

    /// Takes back admitted objects the watch never confirmed, every few seconds.
    private func sweepLater() {
        timers.asyncAfter(deadline: .now() + .seconds(5)) { [self] in
            queue.async { [self] in
                LargeStackThread.sync { self.sweep() }
                self.sweepLater()
            }
        }
    }

    private func sweep() {
        guard let current = analyzer() else { return }
        let expired = state.withLock { $0.optimistic.expire(before: .now - optimisticLifetime) }
        guard !expired.isEmpty else { return }
        let changes = expired.map { e -> Change in
            if let previous = e.previous { return Change(operation: .update, object: previous, oldObject: current.cluster[e.ref]) }
            return Change(operation: .delete, object: nil, oldObject: current.cluster[e.ref])
        }.filter { $0.object != nil || $0.oldObject != nil }
        logger.notice("admitted objects never appeared in the watch; taken back", metadata: [
            "objects": .array(expired.map { .string($0.ref.description) })])
        metrics?.optimisticExpired(expired.count)
        let after = current.applying(changes)
        state.withLock { $0.analyzer = after }
        metrics?.optimisticObjects(optimisticCount)
        publishSize(after)
    }
}

/// Events waiting for the next batch, with when the oldest came in.
private final class Inbox: Sendable {
    private struct Contents {
        var events: [ClusterEvent] = []
        var oldest: ContinuousClock.Instant?
    }
    private let contents = Mutex(Contents())

    /// Queues an event; true when a drain must be scheduled (the inbox was empty).
    func push(_ e: ClusterEvent, at now: ContinuousClock.Instant) -> Bool {
        contents.withLock { c in
            c.events.append(e)
            if c.oldest == nil { c.oldest = now; return true }
            return false
        }
    }

    func takeAll() -> ([ClusterEvent], ContinuousClock.Instant?) {
        contents.withLock { c in
            defer { c.events = []; c.oldest = nil }
            return (c.events, c.oldest)
        }
    }
}

/// The Mutex in a class, so queued closures can hold on to it.
private final class StateBox: Sendable {
    private let value = Mutex(ClusterStore.State())
    func withLock<T>(_ body: (inout ClusterStore.State) -> T) -> T { value.withLock { body(&$0) } }
}

private final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Void, Never>?>
    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = Mutex(continuation) }
    func resume() { continuation.withLock { c in c?.resume(); c = nil } }
}
