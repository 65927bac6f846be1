#if canImport(Glibc)
import Glibc
#endif

/// glibc serves an allocation above its mmap threshold with a mapping of its own, given back
/// to the system when freed, but raises that threshold to the size of each such block freed
/// (up to 32 MiB). A list page of pods is a few megabytes of JSON: after the first one, every
/// page buffer came from the heap and stayed resident once freed, about 0.5 KB a pod at
/// 10,000 pods (`scripts/bench-live.sh`). A fixed threshold keeps large transient buffers
/// out of the heap.
enum MallocTuning {
    static let mmapThreshold: Int32 = 128 << 10

    /// Sets the threshold; false where there is no glibc `mallopt`.
    @discardableResult
    static func apply() -> Bool {
        #if canImport(Glibc)
        // `mallopt` and `M_MMAP_THRESHOLD` (-3) are in `<malloc.h>`, which the Glibc module
        // does not bring in.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        return unsafeBitCast(symbol, to: Mallopt.self)(-3, mmapThreshold) == 1
        #else
        return false
        #endif
    }
}
