import KubeModel

/// The cluster as the simulation sees it: every object it models, as a value, with an index
/// of who owns what. Pods (the bulk of any cluster) are kept apart from the other kinds so
/// that their slots stay small; an object added, replaced or deleted costs time in
/// proportion to what it touches, not to the cluster.
public struct Cluster: Sendable {
    /// Every object but pods.
    public private(set) var objects: [ObjectRef: KubeObject] = [:]
    /// Pods by namespace and name.
    public private(set) var pods: [ObjectRef: Pod] = [:]
    /// The objects each owner owns (by `ownerReferences`), for garbage collection. A list,
    /// not a set: an owner has few, and a pod's entry should cost little.
    private var children: [ObjectRef: [ObjectRef]] = [:]
    /// The same for pods, by name (they live in their owner's namespace): a cluster's pods
    /// are its bulk, and a name is a third of a reference.
    private var podChildren: [ObjectRef: [String]] = [:]

    public init() {}

    public init(objects: [KubeObject]) {
        for o in objects { insert(o) }
    }

    public var count: Int { objects.count + pods.count }

    public subscript(ref: ObjectRef) -> KubeObject? {
        if ref.kind == "Pod" { return pods[ref].map(KubeObject.pod) }
        return objects[ref]
    }

    /// Every object, in a stable order (by kind, namespace, name).
    public var sortedObjects: [KubeObject] {
        objects.keys.sorted().compactMap { objects[$0] } + pods.keys.sorted().compactMap { pods[$0].map(KubeObject.pod) }
    }

    /// Identities of every object of `kind` (a scan: for relists, not for every event).
    public func refs(ofKind kind: String) -> [ObjectRef] {
        kind == "Pod" ? Array(pods.keys) : objects.keys.filter { $0.kind == kind }
    }

    /// Adds an object or replaces the one with the same identity.
    public mutating func insert(_ o: KubeObject) {
        let ref = o.ref
        if let old = self[ref] { unlinkOwners(of: old, ref) }
        if case .pod(let p) = o { pods[ref] = p } else { objects[ref] = o }
        for owner in Self.owners(of: o, ref) {
            if ref.kind == "Pod" && owner.namespace == ref.namespace {
                podChildren[owner, default: []].append(ref.name)
            } else {
                children[owner, default: []].append(ref)
            }
        }
    }

    /// Removes one object (not what it owns).
    @discardableResult
    public mutating func remove(_ ref: ObjectRef) -> KubeObject? {
        let old: KubeObject?
        if ref.kind == "Pod" { old = pods.removeValue(forKey: ref).map(KubeObject.pod) } else { old = objects.removeValue(forKey: ref) }
        if let old { unlinkOwners(of: old, ref) }
        return old
    }

    /// The cluster after `change` has been admitted (used by the server to judge a sequence
    /// of applies, such as a Helm release, together).
    public func applying(_ change: Change) -> Cluster {
        var next = self
        next.apply(change)
        return next
    }

    public mutating func apply(_ change: Change) {
        switch change.operation {
        case .create, .update:
            if let o = change.object { insert(o) }
        case .delete:
            if let ref = change.ref { delete(ref) }
        case .connect:
            break
        }
    }

    /// Deletes an object and, as the garbage collector does with the default background
    /// propagation, everything it owns (a Deployment's ReplicaSets and their pods).
    public mutating func delete(_ ref: ObjectRef) {
        var queue = [ref]
        while let next = queue.popLast() {
            remove(next)
            if let owned = children.removeValue(forKey: next) { queue.append(contentsOf: owned) }
            if let pods = podChildren.removeValue(forKey: next) {
                queue.append(contentsOf: pods.map { ObjectRef(kind: "Pod", namespace: next.namespace, name: $0) })
            }
        }
    }

    /// The objects `ref` owns.
    public func owned(by ref: ObjectRef) -> [ObjectRef] {
        (children[ref] ?? []) + (podChildren[ref] ?? []).map { ObjectRef(kind: "Pod", namespace: ref.namespace, name: $0) }
    }

    private mutating func unlinkOwners(of o: KubeObject, _ ref: ObjectRef) {
        for owner in Self.owners(of: o, ref) {
            if ref.kind == "Pod" && owner.namespace == ref.namespace {
                if let k = podChildren[owner]?.firstIndex(of: ref.name) { podChildren[owner]?.remove(at: k) }
                if podChildren[owner]?.isEmpty == true { podChildren[owner] = nil }
            } else {
                if let k = children[owner]?.firstIndex(of: ref) { children[owner]?.remove(at: k) }
                if children[owner]?.isEmpty == true { children[owner] = nil }
            }
        }
    }

    /// Namespaced owners live in the object's namespace (`ownerReferences` cannot cross
    /// namespaces); a mirror pod's owner is its Node.
    private static func owners(of o: KubeObject, _ ref: ObjectRef) -> [ObjectRef] {
        guard let list = o.metadata.ownerReferences else { return [] }
        return list.map { owner in
            let scoped = KubeObject.clusterScopedKinds.contains(owner.kind)
            return ObjectRef(kind: owner.kind, namespace: scoped ? nil : ref.namespace, name: owner.name)
        }
    }
}
