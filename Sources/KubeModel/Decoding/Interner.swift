/// Shares storage between equal values of many objects: the pods of one ReplicaSet carry the
/// same labels, owner and spec, and a cluster of 150,000 pods holds a few thousand distinct
/// ones. Interned values are copies that point at one buffer, so each pod costs little more
/// than its name and status.
///
/// Not thread-safe: one load (or the one task that applies watch events) owns an interner.
public final class Interner {
    private var strings: Set<String> = []
    private var maps: Set<[String: String]> = []
    private var owners: Set<[OwnerReference]> = []
    private var specs: [PodSpecFields: PodSpec.Storage] = [:]

    public init() {}

    /// Distinct values held, to decide when an interner that outlived many objects is
    /// better replaced.
    public var count: Int { strings.count + maps.count + owners.count + specs.count }

    public func string(_ s: String) -> String {
        // Short strings live inside the String value itself; there is nothing to share.
        if s.utf8.count <= 15 { return s }
        return strings.insert(s).memberAfterInsert
    }

    public func map(_ m: [String: String]) -> [String: String] {
        if m.isEmpty { return m }
        return maps.insert(m).memberAfterInsert
    }

    func owners(_ o: [OwnerReference]) -> [OwnerReference] {
        owners.insert(o).memberAfterInsert
    }

    func spec(_ fields: PodSpecFields) -> PodSpec.Storage {
        if let s = specs[fields] { return s }
        let s = PodSpec.Storage(fields)
        specs[fields] = s
        return s
    }
}
