import Foundation
import Dispatch
import Logging
import Synchronization
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
        let timeout = timeout ?? configuration.defaultTimeout
        let budget = timeout - configuration.timeoutMargin
        let deadline = received + budget
        // Decoding a large review costs about as much as analysing it, and its decoded form is
        // several times its size: it happens inside a slot, so at most `limit` reviews are
        // decoded (and held decoded) at once. 64 concurrent 10,000-container reviews decoded
        // outside the slots took 900 MB and answered none in time.
        let queued = ContinuousClock.now
        guard budget > .zero, await queue.acquire(deadline: deadline) else {
            return unchecked(body, noTime: budget <= .zero, timeout: timeout, received: received)
        }
        let slot = Slot(queue: queue, since: ContinuousClock.now)
        defer { slot.release() }
        let waited = queued.duration(to: .now)
        let review: AdmissionReviewRequest
        switch await Self.decodeOffThePool(body) {
        case .success(let r): review = r
        case .failure(let error):
            metrics.badRequest()
            logger.warning("rejected a body that is not an AdmissionReview", metadata: ["error": .string(LogRedaction.redacted(error.description))])
            return .badRequest(error.description)
        }
        let request = review.request
        var log = RequestLog(request: request)
        if waited > .milliseconds(1) { log.metadata["queued_ms"] = .stringConvertible(waited.milliseconds) }
        let response = await decide(request, timeout: timeout, received: received, slot: slot, log: &log)
        slot.release()
        if response.allowed && !request.dryRun && request.objectError == nil && request.operation != .connect {
            await store.apply(request.change, waitingUntil: received + timeout - configuration.timeoutMargin / 2)
        }
        return answer(review.apiVersion, response, kind: request.kind.kind, received: received, log: &log)
    }

    /// Decoding a multi-megabyte review is CPU work of a second in a debug build: done on a
    /// thread of its own, not on Swift's cooperative pool (as many threads as cores), where
    /// it kept the deadline timers' answers of other reviews from running.
    static func decodeOffThePool(_ body: Data) async -> Result<AdmissionReviewRequest, AdmissionReviewError> {
        await withCheckedContinuation { continuation in
            // Dispatch's reused worker threads, not a new thread per review: every new thread
            // may get a malloc arena of its own, and arenas keep what they once held (a
            // thread per decode raised the mixed soak's RSS from ~220 to ~390 MiB). The
            // decoder needs no deep stack: what it does not model it skips iteratively.
            decodeQueue.async {
                let result: Result<AdmissionReviewRequest, AdmissionReviewError>
                do throws(AdmissionReviewError) { result = .success(try AdmissionReviewRequest.decode(body)) } catch { result = .failure(error) }
                continuation.resume(returning: result)
            }
        }
    }

    static let decodeQueue = DispatchQueue(label: "premortem.decode", qos: .userInitiated, attributes: .concurrent)

    /// The answer for a review no slot came for in time (or with no time at all): allowed
    /// with the warning, read from its envelope only.
    private func unchecked(_ body: Data, noTime: Bool, timeout: Duration, received: ContinuousClock.Instant) -> Outcome {
        let envelope: AdmissionReviewEnvelope
        do { envelope = try AdmissionReviewEnvelope.scan(body) } catch {
            metrics.badRequest()
            logger.warning("rejected a body that is not an AdmissionReview", metadata: ["error": .string(LogRedaction.redacted(error.description))])
            return .badRequest(error.description)
        }
        var log = RequestLog(metadata: ["uid": .string(envelope.uid)])
        let response: AdmissionResponse
        if noTime {
            metrics.analysisCutShort()
            log.metadata["reason"] = "no-time"
            response = AdmissionResponseBuilder.allow(uid: envelope.uid, notes: [Note.cutShort(.zero)])
        } else {
            metrics.overloadedRequest()
            log.metadata["reason"] = "overloaded"
            response = AdmissionResponseBuilder.allow(uid: envelope.uid, notes: [Note.overloaded(queue.limit)])
        }
        return answer(envelope.apiVersion, response, kind: "unread", received: received, log: &log)
    }

    private func answer(_ version: AdmissionReviewVersion, _ response: AdmissionResponse, kind: String,
                        received: ContinuousClock.Instant, log: inout RequestLog) -> Outcome {
        let verdict = !response.allowed ? "deny" : (response.warnings?.isEmpty == false ? "warn" : "allow")
        let duration = received.duration(to: .now)
        metrics.request(verdict: verdict, kind: kind, duration: duration)
        log.metadata["verdict"] = .string(verdict)
        log.metadata["duration_ms"] = .stringConvertible(Double(duration.components.attoseconds / 1_000_000_000_000) / 1000
                                                         + Double(duration.components.seconds * 1000))
        logger.info("admission review answered", metadata: log.metadata)
        return .review(AdmissionReviewResponse(apiVersion: version, response: response))
    }

    private func decide(_ request: AdmissionRequest, timeout: Duration, received: ContinuousClock.Instant,
                        slot: Slot, log: inout RequestLog) async -> AdmissionResponse {
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
        // Half the margin is still ours: enough to encode and send before the apiserver gives up.
        let hardDeadline = deadline + configuration.timeoutMargin / 2
        // The slot now belongs to the analysis: freed when it really returns, even after a
        // timeout, since until then it still holds a core.
        let done = slot.handOff()
        let outcome = await runner.run(analyzer: analyzer, change: request.change, deadline: deadline,
                                       hardDeadline: hardDeadline, done: done)
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

/// A held analysis slot: released once, by the handler or, once handed off, by the analysis
/// when it returns. Records how long it was held, for the queue's typical time.
final class Slot: Sendable {
    private let queue: AdmissionQueue
    private let since: ContinuousClock.Instant
    private let state = Mutex((handedOff: false, released: false))

    init(queue: AdmissionQueue, since: ContinuousClock.Instant) { self.queue = queue; self.since = since }

    /// Releases the slot unless it was handed off (then its new owner does).
    func release() {
        if state.withLock({ s -> Bool in
            guard !s.handedOff && !s.released else { return false }
            s.released = true
            return true
        }) { free() }
    }

    /// Gives the slot to someone else: the returned closure releases it.
    func handOff() -> @Sendable () -> Void {
        state.withLock { $0.handedOff = true }
        return { [self] in
            if state.withLock({ s -> Bool in
                guard !s.released else { return false }
                s.released = true
                return true
            }) { free() }
        }
    }

    private func free() {
        queue.record(since.duration(to: .now))
        queue.release()
    }
}

/// The fields every review's log line carries.
struct RequestLog {
    var metadata: Logger.Metadata
    init(metadata: Logger.Metadata) { self.metadata = metadata }
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
