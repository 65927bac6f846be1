import Synchronization

/// Counts analyses in progress. Full means: answer at once rather than queue, because a
/// queued review only gets closer to the apiserver's timeout.
public final class ConcurrencyLimiter: Sendable {
    public let limit: Int
    private let running = Mutex(0)

    public init(limit: Int) { self.limit = max(1, limit) }

    /// Takes a slot if one is free.
    public func tryAcquire() -> Bool {
        running.withLock { n in
            guard n < limit else { return false }
            n += 1
            return true
        }
    }

    public func release() { running.withLock { $0 = max(0, $0 - 1) } }

    public var inUse: Int { running.withLock { $0 } }
}
