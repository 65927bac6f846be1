import Dispatch
import Synchronization
import Admission
import KubeModel
import Simulation

/// The server's picture of the cluster, held as a settled `Analyzer` (settling a whole
/// cluster is the expensive part, so it is done once and then updated incrementally). Each
/// admitted change is applied so that a run of requests (a Helm release: Namespace, quota,
/// Deployments...) is judged as a whole.
public final class ClusterStore: Sendable {
    private let current = Box()
    /// Serial: changes are applied in the order they were admitted, off the NIO event loops
    /// and off the Swift concurrency pool (settling is CPU work).
    private let queue = DispatchQueue(label: "premortem.cluster-state", qos: .userInitiated)
    private let timers = DispatchQueue(label: "premortem.cluster-state-deadline", qos: .userInteractive)
    private let options: AnalysisOptions
    private let onChange: @Sendable (Int) -> Void

    public init(options: AnalysisOptions = AnalysisOptions(), onChange: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.options = options; self.onChange = onChange
    }

    public func load(_ objects: [KubeObject]) async {
        let options = self.options
        let analyzer = await onQueue { Analyzer(cluster: Cluster(objects: objects), options: options) }
        current.withLock { $0 = analyzer }
        onChange(analyzer.cluster.count)
    }

    public var isReady: Bool { current.withLock { $0 != nil } }

    /// The analyzer for the cluster as it stands now.
    public func analyzer() -> Analyzer? { current.withLock { $0 } }

    /// Returns once the change is part of the state, so the next request of a sequence
    /// (sent after this one's answer) is judged with it; but not later than `deadline`, since
    /// the answer must reach the apiserver in time. The change is applied either way, in order.
    public func apply(_ change: Change, waitingUntil deadline: ContinuousClock.Instant? = nil) async {
        let current = self.current
        let onChange = self.onChange
        let queue = self.queue
        let timers = self.timers
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = ResumeOnce(continuation)
            queue.async {
                if let before = current.withLock({ $0 }) {
                    let after = LargeStackThread.sync { before.applying(change) }
                    current.withLock { $0 = after }
                    onChange(after.cluster.count)
                }
                once.resume()
            }
            if let deadline {
                let wait = max(.zero, ContinuousClock.now.duration(to: deadline))
                let nanos = wait.components.seconds * 1_000_000_000 + wait.components.attoseconds / 1_000_000_000
                timers.asyncAfter(deadline: .now() + .nanoseconds(Int(nanos))) { once.resume() }
            }
        }
    }

    /// The labels of Namespace `name`, if the cluster has it.
    public func namespaceLabels(_ name: String?) -> [String: String]? {
        guard let name, !name.isEmpty else { return nil }
        return analyzer()?.cluster.objects[ObjectRef(kind: "Namespace", namespace: nil, name: name)]?.metadata.labels
    }

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: LargeStackThread.sync(work)) }
        }
    }
}

/// The Mutex in a class, so the apply closure can hold on to it.
private final class Box: Sendable {
    private let value = Mutex<Analyzer?>(nil)
    func withLock<T>(_ body: (inout Analyzer?) -> T) -> T { value.withLock { body(&$0) } }
}

private final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Void, Never>?>
    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = Mutex(continuation) }
    func resume() { continuation.withLock { c in c?.resume(); c = nil } }
}
