import Prometheus
import Synchronization

/// The server's Prometheus metrics, served at GET /metrics.
public struct WebhookMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let latency: DurationHistogram
    private let cutShort: Counter
    private let overloaded: Counter
    private let badRequests: Counter
    private let statesExplored: Counter
    private let clusterObjects: Gauge
    /// Per (verdict, kind): looked up once, not rebuilt on every request.
    private let requests = Requests()

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
        statesExplored = registry.makeCounter(descriptor: .init(
            namespace: "premortem", subsystem: "planner", metricName: "states_explored", unitName: "total",
            helpText: "Simulated states the planner explored, summed over all analyses."))
        clusterObjects = registry.makeGauge(descriptor: .init(
            namespace: "premortem", subsystem: "cluster", metricName: "objects", unitName: "count",
            helpText: "Objects in the server's cluster cache."))
    }

    public func request(verdict: String, kind: String, duration: Duration) {
        let registry = self.registry
        requests.counter(verdict: verdict, kind: kind) {
            registry.makeCounter(
                descriptor: .init(namespace: "premortem", subsystem: "admission", metricName: "requests", unitName: "total",
                                  helpText: "Admission reviews answered, by verdict and kind."),
                labels: [("verdict", verdict), ("kind", kind)])
        }.increment()
        latency.record(duration)
    }

    public func analysisCutShort() { cutShort.increment() }
    public func overloadedRequest() { overloaded.increment() }
    public func badRequest() { badRequests.increment() }
    public func explored(states: Int) { if states > 0 { statesExplored.increment(by: Int64(states)) } }
    public func clusterSize(_ count: Int) { clusterObjects.set(Int64(count)) }

    public func exposition() -> String { registry.emitToString() }
}

private final class Requests: Sendable {
    private let counters = Mutex<[String: Counter]>([:])
    func counter(verdict: String, kind: String, make: () -> Counter) -> Counter {
        counters.withLock { all in
            let key = verdict + "|" + kind
            if let existing = all[key] { return existing }
            let made = make()
            all[key] = made
            return made
        }
    }
}
