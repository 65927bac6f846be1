import Dispatch
import Synchronization
import Admission
import Simulation

/// What a check produced in the time it had.
public enum AnalysisOutcome: Sendable {
    case finished(Report)
    /// The analysis did not return by the hard deadline; it is left to finish on its own.
    case timedOut
}

/// The analysis itself, replaceable in tests.
public typealias AnalyzeFunction = @Sendable (Analyzer, Change, ContinuousClock.Instant) -> Report

/// Runs the synchronous, CPU-bound analysis on its own threads (never on the NIO event loops,
/// which must keep serving health checks and other connections) and stops waiting at the
/// hard deadline even if the analysis ignores its own.
public struct AnalysisRunner: Sendable {
    private let analyze: AnalyzeFunction
    private let queue = DispatchQueue(label: "premortem.analysis", qos: .userInitiated, attributes: .concurrent)
    /// Serial, so it gets its own thread: the deadline must fire even while every analysis
    /// thread is busy.
    private let timers = DispatchQueue(label: "premortem.analysis-deadline", qos: .userInteractive)

    public init(analyze: @escaping AnalyzeFunction) { self.analyze = analyze }

    /// `done` runs when the analysis really returns (also after a timeout): that is when its
    /// concurrency slot is free again.
    public func run(analyzer: Analyzer, change: Change, deadline: ContinuousClock.Instant,
                    hardDeadline: ContinuousClock.Instant, done: @escaping @Sendable () -> Void) async -> AnalysisOutcome {
        let analyze = self.analyze
        let queue = self.queue
        let timers = self.timers
        return await withCheckedContinuation { (continuation: CheckedContinuation<AnalysisOutcome, Never>) in
            let once = Once()
            let answer: @Sendable (AnalysisOutcome) -> Void = { outcome in
                if once.claim() { continuation.resume(returning: outcome) }
            }
            queue.async {
                let report = LargeStackThread.sync { analyze(analyzer, change, deadline) }
                done()
                answer(.finished(report))
            }
            let wait = ContinuousClock.now.duration(to: hardDeadline)
            let nanos = max(0, wait.components.seconds * 1_000_000_000 + wait.components.attoseconds / 1_000_000_000)
            timers.asyncAfter(deadline: .now() + .nanoseconds(Int(nanos))) { answer(.timedOut) }
        }
    }
}

/// Whichever of the analysis and the timer comes first answers; the other is ignored.
private final class Once: Sendable {
    private let done = Mutex(false)
    func claim() -> Bool { done.withLock { was in defer { was = true }; return !was } }
}
