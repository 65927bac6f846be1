import Foundation

/// Runs work on a thread of its own with a large stack. The simulation is deep and, in debug
/// builds, its frames are large; dispatch's worker threads have small stacks, and an analysis
/// overflowing one corrupts the process instead of failing.
enum LargeStackThread {
    static let stackSize = 64 << 20

    static func run(_ work: @escaping @Sendable () -> Void) {
        let thread = Thread { work() }
        thread.stackSize = stackSize
        thread.start()
    }

    /// Runs `work` on a large-stack thread and waits for it.
    static func sync<T: Sendable>(_ work: @escaping @Sendable () -> T) -> T {
        let result = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        run {
            result.set(work())
            done.signal()
        }
        done.wait()
        return result.get()
    }
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    // Written once by the worker before it signals, read once after the wait: the semaphore
    // orders the two accesses.
    private var value: T?
    func set(_ v: T) { value = v }
    func get() -> T { value! }
}
