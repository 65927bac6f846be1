import Foundation

/// A file mapped into memory read-only, so that a snapshot of hundreds of megabytes is parsed
/// in place. Pages already parsed can be handed back (`release(upTo:)`): decoding copies out
/// what it keeps, so the resident size stays near one window of the file, not the whole of it.
final class MappedFile {
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool
    private var released = 0
    private static let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    /// Hand pages back in steps of this many bytes.
    private static let window = 32 << 20

    struct Failure: Error { var reason: String }

    init(path: String) throws(Failure) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw Failure(reason: "is a directory") }
        let size = Int(st.st_size)
        if (st.st_mode & S_IFMT) == S_IFREG, size > 0,
           let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED {
            madvise(p, size, MADV_SEQUENTIAL)
            bytes = UnsafeRawBufferPointer(start: p, count: size)
            mapped = true
            return
        }
        // Not mappable (empty, a pipe, a special file): read it whole.
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw Failure(reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 1)
        data.withUnsafeBytes { copy.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: copy[0..<data.count])
        mapped = false
    }

    /// Drops the pages wholly before `offset` from memory (they are read again from the file
    /// if touched, which parsing never does).
    func release(upTo offset: Int) {
        guard mapped, offset - released >= Self.window, let base = bytes.baseAddress else { return }
        let end = offset / Self.page * Self.page
        guard end > released else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + released), end - released, MADV_DONTNEED)
        released = end
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }
}
