import Synchronization

/// Shares storage between equal values of many objects: the pods of one ReplicaSet carry the
/// same labels, owner and spec, and a cluster of 150,000 pods holds a few thousand distinct
/// ones. Interned values are copies that point at one buffer, so each pod costs little more
/// than its name and status.
///
/// Thread-safe, so that the reflectors of every kind share one: a pod's spec is then the same
/// box as its ReplicaSet's and Deployment's template.
public final class Interner: Sendable {
    private struct Tables {
        var strings: Set<String> = []
        var maps: Set<[String: String]> = []
        var owners: Set<[OwnerReference]> = []
        /// The boxes themselves, found by their fields: a table of pointers, where one keyed
        /// by the fields would hold each spec's fields a second time.
        var specs: Set<SpecBox> = []
        var count: Int { strings.count + maps.count + owners.count + specs.count }
    }

    private let tables = Mutex(Tables())
    /// Objects each kind listed, which bounds what the tables should hold.
    private let listed = Mutex<[String: Int]>([:])

    public init() {}

    /// Distinct values held.
    public var count: Int { tables.withLock { $0.count } }

    public func string(_ s: String) -> String {
        // Short strings live inside the String value itself; there is nothing to share.
        if s.utf8.count <= 15 { return s }
        return tables.withLock { $0.strings.insert(s).memberAfterInsert }
    }

    public func map(_ m: [String: String]) -> [String: String] {
        if m.isEmpty { return m }
        return tables.withLock { $0.maps.insert(m).memberAfterInsert }
    }

    func owners(_ o: [OwnerReference]) -> [OwnerReference] {
        tables.withLock { $0.owners.insert(o).memberAfterInsert }
    }

    func spec(_ fields: PodSpecFields) -> PodSpec.Storage {
        let box = SpecBox(PodSpec.Storage(fields))
        return tables.withLock { $0.specs.insert(box).memberAfterInsert.storage }
    }

    /// Notes how many objects of `kind` a list returned.
    public func listed(_ kind: String, _ objects: Int) { listed.withLock { $0[kind] = objects } }

    /// Forgets every value once the tables hold far more than the listed objects need:
    /// values of objects long gone would otherwise pile up. Objects already decoded keep
    /// theirs; only later ones stop sharing with them.
    public func dropIfStale() {
        let budget = 4 * listed.withLock { $0.values.reduce(0, +) } + 10_000
        tables.withLock { if $0.count > budget { $0 = Tables() } }
    }

    private struct SpecBox: Hashable, Sendable {
        let storage: PodSpec.Storage
        init(_ storage: PodSpec.Storage) { self.storage = storage }
        static func == (a: SpecBox, b: SpecBox) -> Bool { a.storage === b.storage || a.storage.fields == b.storage.fields }
        func hash(into h: inout Hasher) { h.combine(storage.fields) }
    }
}
