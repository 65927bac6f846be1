import KubeModel
import Simulation

/// The server's picture of the cluster. Each admitted change is applied so that a run of
/// requests (a Helm release: Namespace, quota, Deployments...) is judged as a whole.
public actor ClusterStore {
    private var cluster: Cluster?
    private let onChange: @Sendable (Int) -> Void

    public init(onChange: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.onChange = onChange
    }

    public func load(_ objects: [KubeObject]) {
        let loaded = Cluster(objects: objects)
        cluster = loaded
        onChange(loaded.count)
    }

    public var isReady: Bool { cluster != nil }

    public func current() -> Cluster? { cluster }

    public func apply(_ change: Change) {
        guard let before = cluster else { return }
        let after = before.applying(change)
        cluster = after
        onChange(after.count)
    }

    /// The labels of Namespace `name`, if the cluster has it.
    public func namespaceLabels(_ name: String?) -> [String: String]? {
        guard let name, !name.isEmpty else { return nil }
        return cluster?.objects[ObjectRef(kind: "Namespace", namespace: nil, name: name)]?.metadata.labels
    }
}
