import KubeModel

/// What the API tells the state: the whole of one kind (after a list or a relist), or one
/// object added, changed or gone.
public enum ClusterEvent: Sendable {
    case replace(kind: String, objects: [KubeObject])
    case upsert(KubeObject)
    case delete(KubeObject)
}

/// What a reflector reports about itself, for metrics and readiness; each call is cheap.
public struct ReflectorObserver: Sendable {
    public var listed: @Sendable (_ kind: String, _ count: Int) -> Void = { _, _ in }
    public var event: @Sendable (_ kind: String, _ type: String) -> Void = { _, _ in }
    public var relisted: @Sendable (_ kind: String) -> Void = { _ in }
    public var reconnected: @Sendable (_ kind: String) -> Void = { _ in }
    public var skipped: @Sendable (_ kind: String) -> Void = { _ in }
    public init() {}
}
