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
            if let ref = change.ref { next.delete(ref) }
        case .connect:
            break
        }
        return next
    }

    public var count: Int { objects.count }

    /// Deletes an object and, as the garbage collector does with the default background
    /// propagation, everything it owns (a Deployment's ReplicaSets and their pods).
    mutating func delete(_ ref: ObjectRef) {
        var gone: Set<ObjectRef> = [ref]
        objects[ref] = nil
        var found = true
        while found {
            found = false
            for (r, o) in objects {
                guard let owners = o.metadata.ownerReferences, r.namespace != nil else { continue }
                if owners.contains(where: { gone.contains(ObjectRef(kind: $0.kind, namespace: r.namespace, name: $0.name)) }) {
                    gone.insert(r)
                    objects[r] = nil
                    found = true
                }
            }
        }
    }
}
