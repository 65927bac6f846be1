import Foundation
import Synchronization

/// Maps items on several threads and returns the results in the items' order, so that what
/// the caller does with them does not depend on which thread finished first. The threads
/// get large stacks for the same reason the server's analysis thread does: the simulation
/// is deep, and a worker thread's default stack is small.
///
/// Helpers are only taken from cores no other map is using: one analysis on an idle server
/// gets every core, while concurrent ones (a busy webhook) run one thread each instead of
/// crowding out the thread that applies watch events.
enum ParallelMap {
    static let stackSize = 64 << 20
    /// Threads inside `map` calls, across the process.
    private static let busy = Atomic<Int>(0)

    static func map<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ body: @Sendable (T) -> R) -> [R] {
        let mine = busy.add(1, ordering: .relaxed).newValue
        defer { busy.subtract(1, ordering: .relaxed) }
        let spare = ProcessInfo.processInfo.activeProcessorCount - mine
        let helpers = min(workers - 1, items.count - 1, spare)
        if helpers <= 0 { return items.map(body) }
        busy.add(helpers, ordering: .relaxed)
        defer { busy.subtract(helpers, ordering: .relaxed) }
        return withoutActuallyEscaping(body) { (body: @escaping @Sendable (T) -> R) -> [R] in
            let shared = Shared(items, body)
            let finished = DispatchSemaphore(value: 0)
            for _ in 0..<helpers {
                let thread = Thread { shared.work(); finished.signal() }
                thread.stackSize = stackSize
                thread.start()
            }
            shared.work()
            for _ in 0..<helpers { finished.wait() }
            // The helper threads outlive this call by a moment; they must not hold `body` then.
            return shared.finish()
        }
    }

    private final class Shared<T: Sendable, R: Sendable>: Sendable {
        private let items: [T]
        private let state: Mutex<(next: Int, body: (@Sendable (T) -> R)?, slots: [R?])>

        init(_ items: [T], _ body: @escaping @Sendable (T) -> R) {
            self.items = items
            state = Mutex((0, body, Array(repeating: nil, count: items.count)))
        }

        /// Takes items nobody has taken until none is left.
        func work() {
            while let (k, body) = claim() {
                let r = body(items[k])
                state.withLock { $0.slots[k] = r }
            }
        }

        private func claim() -> (Int, @Sendable (T) -> R)? {
            state.withLock { s in
                guard s.next < s.slots.count, let body = s.body else { return nil }
                defer { s.next += 1 }
                return (s.next, body)
            }
        }

        func finish() -> [R] {
            state.withLock { s in
                s.body = nil
                return s.slots.map { $0! }
            }
        }
    }
}
