import Dispatch
import Synchronization

/// The analysis slots, with a deadline-aware wait for them. Answering "busy" the moment the
/// slots are full lets a burst of ordinary traffic through unchecked (at 64 connections on
/// 2 cores, 12% of reviews were); so a review that finds them full waits, first come first
/// served, for as long as its own deadline still leaves time for a typical analysis (a
/// moving 90th percentile of recent slot times, decoding included). Only a review that could
/// not be analysed in time anyway is turned away: its deadline is too close, or the reviews
/// queued ahead of it would take too long. The caller allows it with a warning.
public final class AdmissionQueue: Sendable {
    public let limit: Int
    private let state: Mutex<State>
    /// Serial, with a thread of its own: give-up timers must fire while analyses hold every core.
    private let timers = DispatchQueue(label: "premortem.admission-queue", qos: .userInteractive)

    struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    struct State {
        var running = 0
        var waiting: [Waiter] = []
        /// Index of the first live waiter in `waiting` (dequeued entries before it).
        var head = 0
        var nextID: UInt64 = 0
        /// Recent analysis times, in nanoseconds, as a ring.
        var samples: [Int64] = []
        var nextSample = 0
        var typical: Int64
    }

    /// How many recent analyses the percentile is taken over.
    static let window = 128

    /// - initialTypical: what a typical analysis is assumed to take before any has finished.
    public init(limit: Int, initialTypical: Duration = .milliseconds(100)) {
        self.limit = max(1, limit)
        state = Mutex(State(typical: Self.nanos(initialTypical)))
    }

    /// Takes a slot, waiting for one while `deadline` minus a typical analysis is still ahead.
    /// False: no slot came in time (or none could: the deadline is too close already).
    public func acquire(deadline: ContinuousClock.Instant) async -> Bool {
        enum Decision { case run, refuse, wait(UInt64, ContinuousClock.Instant) }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let now = ContinuousClock.now
            let decision = state.withLock { s -> Decision in
                if s.running < limit && s.head == s.waiting.count {
                    s.running += 1
                    return .run
                }
                let giveUp = deadline - .nanoseconds(s.typical)
                guard giveUp > now else { return .refuse }
                // The reviews ahead go first, `limit` at a time: when they alone take longer
                // than this one has, waiting would only make the answer late (and the client
                // hold its connection and body meanwhile).
                let ahead = Int64(s.waiting.count - s.head)
                let expectedStart = now + .nanoseconds(s.typical * (ahead / Int64(limit)))
                guard expectedStart < giveUp else { return .refuse }
                let id = s.nextID
                s.nextID += 1
                s.waiting.append(Waiter(id: id, continuation: continuation))
                return .wait(id, giveUp)
            }
            switch decision {
            case .run: continuation.resume(returning: true)
            case .refuse: continuation.resume(returning: false)
            case .wait(let id, let giveUp):
                let wait = Self.nanos(now.duration(to: giveUp))
                timers.asyncAfter(deadline: .now() + .nanoseconds(Int(wait))) { [self] in self.giveUp(id) }
            }
        }
    }

    /// Frees a slot: the longest-waiting review gets it, or it becomes free.
    public func release() {
        let next = state.withLock { s -> CheckedContinuation<Bool, Never>? in
            if s.head < s.waiting.count {
                let w = s.waiting[s.head]
                s.head += 1
                compact(&s)
                return w.continuation
            }
            s.running = max(0, s.running - 1)
            return nil
        }
        next?.resume(returning: true)
    }

    /// Notes how long an analysis took, for the typical time waiting reviews are measured by.
    public func record(_ analysis: Duration) {
        state.withLock { s in
            let n = Self.nanos(analysis)
            if s.samples.count < Self.window { s.samples.append(n) } else { s.samples[s.nextSample] = n }
            s.nextSample = (s.nextSample + 1) % Self.window
            let sorted = s.samples.sorted()
            s.typical = sorted[min(sorted.count - 1, (sorted.count * 9) / 10)]
        }
    }

    /// The moving 90th percentile of analysis time.
    public var typical: Duration { .nanoseconds(state.withLock { $0.typical }) }
    public var inUse: Int { state.withLock { $0.running } }
    public var waiting: Int { state.withLock { $0.waiting.count - $0.head } }

    private func giveUp(_ id: UInt64) {
        let gone = state.withLock { s -> CheckedContinuation<Bool, Never>? in
            guard let i = s.waiting[s.head...].firstIndex(where: { $0.id == id }) else { return nil }
            let w = s.waiting.remove(at: i)
            return w.continuation
        }
        gone?.resume(returning: false)
    }

    /// Drops dequeued entries once they are the bigger part, so the array stays small.
    private func compact(_ s: inout State) {
        if s.head > 64 && s.head * 2 > s.waiting.count {
            s.waiting.removeFirst(s.head)
            s.head = 0
        }
    }

    static func nanos(_ d: Duration) -> Int64 {
        max(0, d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000)
    }
}
