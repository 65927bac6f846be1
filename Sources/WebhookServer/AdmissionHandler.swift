import Foundation
import Logging
import Admission
import KubeModel
import Simulation

/// Answers one AdmissionReview body: the whole decision, without HTTP.
public struct AdmissionHandler: Sendable {
    public enum Outcome: Sendable {
        case review(AdmissionReviewResponse)
        /// Not an AdmissionReview at all: HTTP 400 with this message.
        case badRequest(String)
    }

    let configuration: WebhookConfiguration
    let store: ClusterStore
    let runner: AnalysisRunner
    let queue: AdmissionQueue
    let metrics: WebhookMetrics
    let logger: Logger

    /// Notes shown as `Warning:` lines when the change went through unchecked.
    enum Note {
        static let notReady = "premortem: cluster state is still loading; this change was not checked"
        static func overloaded(_ n: Int) -> String {
            "premortem: \(n) checks already running and no slot came free in time; this change was allowed without a check"
        }
        static func cutShort(_ budget: Duration) -> String {
            "premortem: check cut short at its \(seconds(budget)) deadline; this change was not fully checked"
        }
        static func unreadable(_ kind: String, _ reason: String) -> String {
            "premortem could not read this \(kind), so it was not checked: \(reason)"
        }
        static func seconds(_ d: Duration) -> String {
            let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
            return ms % 1000 == 0 ? "\(ms / 1000)s" : String(format: "%.1fs", Double(ms) / 1000)
        }
    }

    public func handle(body: Data, timeout: Duration?, received: ContinuousClock.Instant = .now) async -> Outcome {
        let review: AdmissionReviewRequest
        do { review = try AdmissionReviewRequest.decode(body) } catch {
            metrics.badRequest()
            logger.warning("rejected a body that is not an AdmissionReview", metadata: ["error": .string(LogRedaction.redacted(error.description))])
            return .badRequest(error.description)
        }
        let request = review.request
        var log = RequestLog(request: request)
        let timeout = timeout ?? configuration.defaultTimeout
        let response = await decide(request, timeout: timeout, received: received, log: &log)
        if response.allowed && !request.dryRun && request.objectError == nil && request.operation != .connect {
            await store.apply(request.change, waitingUntil: received + timeout - configuration.timeoutMargin / 2)
        }
        let verdict = !response.allowed ? "deny" : (response.warnings?.isEmpty == false ? "warn" : "allow")
        let duration = received.duration(to: .now)
        metrics.request(verdict: verdict, kind: request.kind.kind, duration: duration)
        log.metadata["verdict"] = .string(verdict)
        log.metadata["duration_ms"] = .stringConvertible(Double(duration.components.attoseconds / 1_000_000_000_000) / 1000
                                                         + Double(duration.components.seconds * 1000))
        logger.info("admission review answered", metadata: log.metadata)
        return .review(AdmissionReviewResponse(apiVersion: review.apiVersion, response: response))
    }

    private func decide(_ request: AdmissionRequest, timeout: Duration, received: ContinuousClock.Instant,
                        log: inout RequestLog) async -> AdmissionResponse {
        let uid = request.uid
        if let problem = request.objectError {
            log.metadata["reason"] = "unreadable-object"
            log.metadata["error"] = .string(LogRedaction.redacted(problem))
            return AdmissionResponseBuilder.allow(uid: uid, notes: [Note.unreadable(request.kind.kind, problem)])
        }
        guard let analyzer = store.analyzer() else {
            log.metadata["reason"] = "not-ready"
            return AdmissionResponseBuilder.allow(uid: uid, notes: [Note.notReady])
        }
        let labels = store.namespaceLabels(request.namespace)
        let policy = configuration.policy
        if let skip = policy.skip(request, namespaceLabels: labels) {
            log.metadata["reason"] = .string(skip.rawValue)
            return AdmissionResponseBuilder.allow(uid: uid)
        }
        let mode = policy.mode(namespaceLabels: labels)
        log.metadata["mode"] = .string(mode.rawValue)

        let budget = timeout - configuration.timeoutMargin
        guard budget > .zero else {
            metrics.analysisCutShort()
            log.metadata["reason"] = "no-time"
            return AdmissionResponseBuilder.allow(uid: uid, notes: [Note.cutShort(.zero)])
        }
        let deadline = received + budget
        // Wait for a slot while the deadline still leaves time for a typical analysis.
        let queued = ContinuousClock.now
        guard await queue.acquire(deadline: deadline) else {
            metrics.overloadedRequest()
            log.metadata["reason"] = "overloaded"
            return AdmissionResponseBuilder.allow(uid: uid, notes: [Note.overloaded(queue.limit)])
        }
        let waited = queued.duration(to: .now)
        if waited > .milliseconds(1) { log.metadata["queued_ms"] = .stringConvertible(waited.milliseconds) }
        // Half the margin is still ours: enough to encode and send before the apiserver gives up.
        let hardDeadline = deadline + configuration.timeoutMargin / 2
        let queue = self.queue
        let started = ContinuousClock.now
        let outcome = await runner.run(analyzer: analyzer, change: request.change, deadline: deadline,
                                       hardDeadline: hardDeadline, done: {
                                           queue.record(started.duration(to: .now))
                                           queue.release()
                                       })
        switch outcome {
        case .timedOut:
            metrics.analysisCutShort()
            log.metadata["reason"] = "timed-out"
            return AdmissionResponseBuilder.allow(uid: uid, notes: [Note.cutShort(budget)])
        case .finished(let report):
            metrics.explored(states: report.search.statesExplored)
            log.metadata["states"] = .stringConvertible(report.search.statesExplored)
            log.metadata["findings"] = .stringConvertible(report.findings.count)
            var notes: [String] = []
            if !report.search.complete {
                metrics.analysisCutShort()
                log.metadata["cut_short"] = .string(report.search.cutShortReason ?? "deadline")
                notes.append(Note.cutShort(budget))
            }
            let verdict = policy.effectiveVerdict(report.verdict, mode: mode)
            return AdmissionResponseBuilder.response(uid: uid, report: report, verdict: verdict, notes: notes)
        }
    }
}

/// The fields every review's log line carries.
struct RequestLog {
    var metadata: Logger.Metadata
    init(request: AdmissionRequest) {
        metadata = [
            "uid": .string(request.uid),
            "kind": .string(request.kind.kind),
            "operation": .string(request.operation.rawValue),
            "namespace": .string(request.namespace ?? ""),
            "name": .string(request.name ?? ""),
            "dry_run": .stringConvertible(request.dryRun),
            "user": .string(request.userInfo.username ?? ""),
        ]
    }
}

extension Duration {
    /// Whole milliseconds, for logs.
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
