import KubeModel

/// The cluster as the simulation sees it: every object it models, as a value.
public struct Cluster: Sendable {
    public private(set) var objects: [ObjectRef: KubeObject]

    public init(objects: [KubeObject]) {
        var map: [ObjectRef: KubeObject] = [:]
        for o in objects { map[o.ref] = o }
        self.objects = map
    }

    /// The cluster after `change` has been admitted (used by the server to judge a sequence
    /// of applies, such as a Helm release, together).
    public func applying(_ change: Change) -> Cluster {
        var next = self
        switch change.operation {
        case .create, .update:
            if let o = change.object { next.objects[o.ref] = o }
        case .delete:
            if let ref = change.ref { next.objects[ref] = nil }
        case .connect:
            break
        }
        return next
    }

    public var count: Int { objects.count }
}
