import Prometheus
import Synchronization
import KubeClient
import Admission

/// The server's Prometheus metrics, served at GET /metrics.
public struct WebhookMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let latency: DurationHistogram
    private let cutShort: Counter
    private let overloaded: Counter
    private let badRequests: Counter
    private let unauthenticatedRequests: Counter
    private let statesExplored: Counter
    private let clusterObjects: Gauge
    private let optimistic: Gauge
    private let optimisticDropped: Counter
    private let lag: Gauge
    private let applied: Counter
    /// Per (verdict, kind): looked up once, not rebuilt on every request.
    private let requests = Requests()
    /// Per kind (and event type) of the watch.
    private let perKind = Requests()

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        latency = registry.makeDurationHistogram(
            descriptor: .init(namespace: "premortem", subsystem: "admission", metricName: "duration", unitName: "seconds",
                              helpText: "Time from request body received to response ready."),
            buckets: [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
                      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                      .seconds(1), .seconds(2), .seconds(5), .seconds(10)])
        cutShort = registry.makeCounter(descriptor: .init(
            namespace: "premortem", subsystem: "analysis", metricName: "cut_short", unitName: "total",
            helpText: "Analyses that could not finish before the deadline; the change was allowed with a warning."))
        overloaded = registry.makeCounter(descriptor: .init(
            namespace: "premortem", subsystem: "admission", metricName: "overloaded", unitName: "total",
            helpText: "Reviews allowed unchecked because the concurrency cap was reached."))
        badRequests = registry.makeCounter(descriptor: .init(
            namespace: "premortem", subsystem: "admission", metricName: "bad_requests", unitName: "total",
            helpText: "Bodies that were not an AdmissionReview (answered 400 or 413)."))
        unauthenticatedRequests = registry.makeCounter(descriptor: .init(
            namespace: "premortem", subsystem: "admission", metricName: "unauthenticated", unitName: "total",
            helpText: "Reviews refused (401) for want of a client certificate from the client CA (--client-ca)."))
        statesExplored = registry.makeCounter(descriptor: .init(
            namespace: "premortem", subsystem: "planner", metricName: "states_explored", unitName: "total",
            helpText: "Simulated states the planner explored, summed over all analyses."))
        clusterObjects = registry.makeGauge(descriptor: .init(
            namespace: "premortem", subsystem: "cluster", metricName: "objects", unitName: "count",
            helpText: "Objects in the server's cluster cache."))
        optimistic = registry.makeGauge(descriptor: .init(
            namespace: "premortem", subsystem: "cluster", metricName: "optimistic_objects", unitName: "count",
            helpText: "Admitted changes held in the state that no watch has confirmed (without a live watch: all of them, for good)."))
        optimisticDropped = registry.makeCounter(descriptor: .init(
            namespace: "premortem", subsystem: "cluster", metricName: "optimistic_expired", unitName: "total",
            helpText: "Admitted changes taken back because the watch never delivered them."))
        lag = registry.makeGauge(descriptor: .init(
            namespace: "premortem", subsystem: "watch", metricName: "lag", unitName: "seconds",
            helpText: "How long the oldest event of the last batch waited before it was applied."))
        applied = registry.makeCounter(descriptor: .init(
            namespace: "premortem", subsystem: "watch", metricName: "events_applied", unitName: "total",
            helpText: "Watch events applied to the cluster state."))
    }

    /// What each reflector of a live cluster reports, as metrics.
    public var reflectorObserver: ReflectorObserver {
        var o = ReflectorObserver()
        let registry = self.registry
        let perKind = self.perKind
        o.listed = { kind, count in
            perKind.gauge("objects|" + kind) {
                registry.makeGauge(descriptor: .init(namespace: "premortem", subsystem: "watch", metricName: "listed_objects", unitName: "count",
                                                     helpText: "Objects of each kind in the last full list."), labels: [("kind", kind)])
            }.set(Int64(count))
        }
        o.event = { kind, type in
            perKind.counter("event|" + kind + "|" + type) {
                registry.makeCounter(descriptor: .init(namespace: "premortem", subsystem: "watch", metricName: "events", unitName: "total",
                                                       helpText: "Watch events received, by kind and type."),
                                     labels: [("kind", kind), ("type", type)])
            }.increment()
        }
        o.relisted = { kind in
            perKind.counter("relist|" + kind) {
                registry.makeCounter(descriptor: .init(namespace: "premortem", subsystem: "watch", metricName: "relists", unitName: "total",
                                                       helpText: "Full lists after the watch's resource version expired (410 Gone)."),
                                     labels: [("kind", kind)])
            }.increment()
        }
        o.reconnected = { kind in
            perKind.counter("reconnect|" + kind) {
                registry.makeCounter(descriptor: .init(namespace: "premortem", subsystem: "watch", metricName: "reconnects", unitName: "total",
                                                       helpText: "List or watch failures retried with backoff."), labels: [("kind", kind)])
            }.increment()
        }
        o.skipped = { kind in
            perKind.counter("skipped|" + kind) {
                registry.makeCounter(descriptor: .init(namespace: "premortem", subsystem: "watch", metricName: "skipped", unitName: "total",
                                                       helpText: "Objects or events that could not be read and were skipped."),
                                     labels: [("kind", kind)])
            }.increment()
        }
        return o
    }

    public func optimisticObjects(_ n: Int) { optimistic.set(Int64(n)) }
    public func optimisticExpired(_ n: Int) { optimisticDropped.increment(by: Int64(n)) }
    public func watchLag(_ d: Duration) { lag.set(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) }
    public func watchApplied(_ n: Int) { applied.increment(by: Int64(n)) }

    public func request(verdict: String, kind requestKind: String, duration: Duration) {
        let registry = self.registry
        // The kind is the caller's to choose: only kinds the analysis knows get a label of
        // their own, or one counter per invented kind would grow the process without bound.
        let kind = Self.labelledKinds.contains(requestKind) ? requestKind : "other"
        requests.counter(verdict: verdict, kind: kind) {
            registry.makeCounter(
                descriptor: .init(namespace: "premortem", subsystem: "admission", metricName: "requests", unitName: "total",
                                  helpText: "Admission reviews answered, by verdict and kind."),
                labels: [("verdict", verdict), ("kind", kind)])
        }.increment()
        latency.record(duration)
    }

    static let labelledKinds: Set<String> = Analyzer.analysedKinds.union(["Namespace", "ConfigMap", "Secret", "CronJob",
                                                                         "HorizontalPodAutoscaler", "PersistentVolumeClaim"])

    public func analysisCutShort() { cutShort.increment() }
    public func overloadedRequest() { overloaded.increment() }
    public func badRequest() { badRequests.increment() }
    public func unauthenticated() { unauthenticatedRequests.increment() }
    public func explored(states: Int) { if states > 0 { statesExplored.increment(by: Int64(states)) } }
    public func clusterSize(_ count: Int) { clusterObjects.set(Int64(count)) }

    public func exposition() -> String { registry.emitToString() }
}

private final class Requests: Sendable {
    private let counters = Mutex<[String: Counter]>([:])
    private let gauges = Mutex<[String: Gauge]>([:])

    func counter(_ key: String, make: () -> Counter) -> Counter {
        counters.withLock { all in
            if let existing = all[key] { return existing }
            let made = make()
            all[key] = made
            return made
        }
    }

    func gauge(_ key: String, make: () -> Gauge) -> Gauge {
        gauges.withLock { all in
            if let existing = all[key] { return existing }
            let made = make()
            all[key] = made
            return made
        }
    }

    func counter(verdict: String, kind: String, make: () -> Counter) -> Counter {
        counter(verdict + "|" + kind, make: make)
    }
}
