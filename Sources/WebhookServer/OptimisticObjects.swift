import KubeModel
import Simulation

/// Admitted changes the state holds before the API confirms them. The objects of one Helm
/// release are judged together only if each admitted object joins the state at once; but an
/// admission is not a write (a later webhook may still refuse it, and anyone who can reach
/// the port can send a review), so with a live watch the watch has the last word: its event
/// for the object replaces the optimistic version, and an optimistic object that never
/// shows up is taken back after `lifetime`.
struct OptimisticObjects {
    struct Entry {
        var since: ContinuousClock.Instant
        /// The resourceVersion the admitted change was made against: events at or below it
        /// predate the change.
        var base: UInt64?
        /// The object as the API last reported it (nil: it did not exist).
        var previous: KubeObject?
    }

    private(set) var entries: [ObjectRef: Entry] = [:]
    var count: Int { entries.count }

    /// Notes an admitted change of `ref`; `previous` is what the state held before it.
    mutating func admitted(_ change: Change, ref: ObjectRef, previous: KubeObject?, at now: ContinuousClock.Instant) {
        let base = (change.object ?? change.oldObject)?.metadata.resourceVersion.flatMap(UInt64.init)
        if var e = entries[ref] {
            // Still the first confirmed version to go back to.
            e.since = now
            e.base = base ?? e.base
            entries[ref] = e
        } else {
            entries[ref] = Entry(since: now, base: base, previous: previous)
        }
    }

    /// Whether a watch event for `ref` should replace what the state holds. An event older
    /// than the admitted change is dropped; a newer one confirms (or overrides) it.
    mutating func accept(_ ref: ObjectRef, resourceVersion: String?) -> Bool {
        guard let e = entries[ref] else { return true }
        if let base = e.base, let v = resourceVersion.flatMap(UInt64.init), v <= base { return false }
        entries[ref] = nil
        return true
    }

    /// Entries admitted before `deadline` and never confirmed, removed, with the object to
    /// restore for each.
    mutating func expire(before deadline: ContinuousClock.Instant) -> [(ref: ObjectRef, previous: KubeObject?)] {
        let old = entries.filter { $0.value.since < deadline }
        for ref in old.keys { entries[ref] = nil }
        return old.keys.sorted().map { ($0, old[$0]!.previous) }
    }
}
