import Foundation
import Synchronization

/// A document that could not be read, with where it came from.
public struct ManifestError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var documentIndex: Int?
    public var reason: String
    public init(source: String, documentIndex: Int?, reason: String) {
        self.source = source; self.documentIndex = documentIndex; self.reason = reason
    }
    public var description: String {
        if let documentIndex { return "\(source): document \(documentIndex): \(reason)" }
        return "\(source): \(reason)"
    }
}

/// Reads YAML or JSON manifests: single objects, multi-document streams and `kind: List`.
/// JSON (what the API server and `kubectl get -o json` send) is read in place; YAML goes
/// through libyaml's events and the same JSON reader, a list item at a time.
public enum ManifestDecoder {
    /// Decodes every object in `text`, flattening `List`s. `source` names the input in errors.
    public static func decodeAll(_ text: String, source: String) throws(ManifestError) -> [KubeObject] {
        var out: [KubeObject] = []
        var text = text
        let result: Result<Void, ManifestError> = text.withUTF8 { bytes in
            do throws(ManifestError) {
                try decode(UnsafeRawBufferPointer(bytes), source: source, interner: Interner()) { out.append($0) }
                return .success(())
            } catch { return .failure(error) }
        }
        try result.get()
        return out
    }

    /// Decodes one value of any decodable type from YAML or JSON text (a fragment of an
    /// object: a container, a probe, a quantity map), as the manifest decoder would read it.
    public static func decodeValue<T: JSONDecodable>(_: T.Type, from text: String, source: String = "input") throws(ManifestError) -> T {
        var bytes = Array(text.utf8)
        var json: [UInt8] = []
        let ok: Result<Bool, YAMLTranscoder.Failure> = bytes.withUnsafeMutableBytes { raw in
            let yaml = YAMLTranscoder(UnsafeRawBufferPointer(raw))
            do throws(YAMLTranscoder.Failure) { return .success(try yaml.nextValue(into: &json)) } catch { return .failure(error) }
        }
        switch ok {
        case .failure(let e): throw ManifestError(source: source, documentIndex: 0, reason: e.message)
        case .success(false): throw ManifestError(source: source, documentIndex: 0, reason: "no value")
        case .success(true): break
        }
        let result: Result<T, DecodeError> = json.withUnsafeBytes { raw in
            var r = JSONReader(raw)
            do throws(DecodeError) { return .success(try T(json: &r)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let v): return v
        case .failure(let e): throw ManifestError(source: source, documentIndex: 0, reason: e.description)
        }
    }

    /// Decodes every object in `bytes`, handing each to `body` as soon as it is read.
    /// `progress` is told how many bytes have been consumed after each object, so that a
    /// caller reading a mapped file can release what lies behind.
    public static func decode(_ bytes: UnsafeRawBufferPointer, source: String, interner: Interner,
                              progress: (Int) -> Void = { _ in },
                              _ body: (KubeObject) throws(ManifestError) -> Void) throws(ManifestError) {
        var start = 0
        // A UTF-8 byte order mark is not part of the document.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
        var first = start
        while first < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[first]) { first += 1 }
        if first < bytes.count, bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "[") {
            var delivered = false
            let jsonFailure: FormatError
            do throws(FormatError) {
                try decodeJSON(rest, source: source, interner: interner, progress: progress) { (o: KubeObject) throws(ManifestError) in
                    delivered = true
                    try body(o)
                }
                return
            } catch {
                jsonFailure = error
            }
            // `{a: b}` is YAML's flow style, not JSON: read it as YAML if that works.
            guard !delivered, jsonFailure.syntax else { throw jsonFailure.manifest }
            do throws(ManifestError) {
                try decodeYAML(rest, source: source, interner: interner, progress: progress, body)
            } catch {
                throw jsonFailure.manifest
            }
            return
        }
        try decodeYAML(rest, source: source, interner: interner, progress: progress, body)
    }

    /// A failure of one format, remembering whether it was about syntax (worth trying the
    /// other format) or about an object's fields.
    struct FormatError: Error {
        var manifest: ManifestError
        var syntax: Bool
    }

    private static func decodeJSON(_ bytes: UnsafeRawBufferPointer, source: String, interner: Interner, progress: (Int) -> Void,
                                   _ body: (KubeObject) throws(ManifestError) -> Void) throws(FormatError) {
        var r = JSONReader(bytes, interner: interner)
        var index = 0
        while !r.atEnd() {
            do throws(DecodeError) {
                try document(&r, progress: progress) { (o: KubeObject) throws(DecodeError) in
                    do throws(ManifestError) { try body(o) } catch { throw DecodeError(path: "", message: error.reason) }
                }
            } catch {
                throw FormatError(manifest: ManifestError(source: source, documentIndex: index, reason: error.description),
                                  syntax: error.message.hasPrefix("not valid JSON"))
            }
            index += 1
        }
    }

    /// One JSON document: an object, a `List` of objects (its `items`), or an array of objects.
    static func document(_ r: inout JSONReader, progress: (Int) -> Void,
                         _ body: (KubeObject) throws(DecodeError) -> Void) throws(DecodeError) {
        if r.peekByte() == UInt8(ascii: "[") {
            try r.beginArray()
            while try r.nextElement() {
                try body(try KubeObject(json: &r))
                progress(r.offset)
            }
            return
        }
        // `kubectl get -o json` writes `items` before `kind`: a list is recognised by its
        // items, and a single object by a kind that is not a list, without reading it twice.
        let start = r.offset
        let depth = r.path.count
        try r.beginObject()
        var list = false
        while let key = try r.nextKey() {
            if case "items" = key, r.peekByte() == UInt8(ascii: "[") {
                list = true
                try r.beginArray()
                while try r.nextElement() {
                    try body(try KubeObject(json: &r))
                    progress(r.offset)
                }
                continue
            }
            if list { try r.skipValue(); continue }
            if case "apiVersion" = key { try r.skipValue(); continue }
            if case "kind" = key {
                // `kind: List` ahead of its items (YAML order): the items follow.
                if (try r.readStringOrNil() ?? "").hasSuffix("List") { list = true; continue }
            }
            // A single object: read it again from the start as what its kind says.
            r.pos = start
            r.path.removeSubrange(depth...)
            try body(try KubeObject(json: &r))
            progress(r.offset)
            return
        }
    }

    /// One object of a YAML stream as JSON, or the end of the stream, or why it broke.
    enum YAMLPiece: Sendable {
        case object(json: [UInt8], document: Int, detail: String?, consumed: Int)
        case failure(ManifestError)
    }

    /// Turns every document of a YAML stream into JSON pieces, in order, until `emit` says stop.
    static func transcode(_ bytes: UnsafeRawBufferPointer, source: String, emit: (YAMLPiece) -> Bool) {
        let yaml = YAMLTranscoder(bytes)
        var json: [UInt8] = []
        var index = 0
        func fail(_ e: YAMLTranscoder.Failure) -> YAMLPiece {
            .failure(ManifestError(source: source, documentIndex: index, reason: e.line.map { "line \($0): " + e.message } ?? e.message))
        }
        while true {
            let doc: YAMLTranscoder.Document
            do { doc = try yaml.nextDocument(into: &json) } catch { _ = emit(fail(error)); return }
            switch doc {
            case .end: return
            case .empty: break
            case .object:
                if !emit(.object(json: json, document: index, detail: nil, consumed: yaml.consumed)) { return }
            case .list:
                var item = 0
                while true {
                    let more: Bool
                    do { more = try yaml.nextItem(into: &json) } catch { _ = emit(fail(error)); return }
                    if !more { break }
                    if !emit(.object(json: json, document: index, detail: "items[\(item)]", consumed: yaml.consumed)) { return }
                    item += 1
                }
            }
            index += 1
        }
    }

    /// Inputs at least this large are read by two threads: libyaml's parse on one, the
    /// decoding of what it yields on the caller's. Parsing YAML costs more than decoding it.
    static let pipelineThreshold = 4 << 20

    private static func decodeYAML(_ bytes: UnsafeRawBufferPointer, source: String, interner: Interner, progress: (Int) -> Void,
                                   _ body: (KubeObject) throws(ManifestError) -> Void) throws(ManifestError) {
        func handle(_ piece: YAMLPiece, report: Bool = true) throws(ManifestError) {
            switch piece {
            case .failure(let e): throw e
            case .object(let json, let document, let detail, let consumed):
                let result: Result<KubeObject, DecodeError> = json.withUnsafeBytes { raw in
                    var r = JSONReader(raw, interner: interner)
                    do throws(DecodeError) { return .success(try KubeObject(json: &r)) } catch { return .failure(error) }
                }
                switch result {
                case .success(let o): try body(o)
                case .failure(let error):
                    throw ManifestError(source: source, documentIndex: document, reason: (detail.map { "\($0): " } ?? "") + error.description)
                }
                if report { progress(consumed) }
            }
        }
        guard bytes.count >= pipelineThreshold else {
            var failure: ManifestError?
            transcode(bytes, source: source) { piece in
                do throws(ManifestError) { try handle(piece); return true } catch { failure = error; return false }
            }
            if let failure { throw failure }
            return
        }
        let input = UnsafeSendableBytes(bytes)
        let source = source
        let work: [@Sendable (PiecePipe) -> Void]
        // Pages are released behind the first parser only: the second one's slice stays
        // mapped until the end. Objects come in either order.
        var releaseBelow = Int.max
        if let slices = ListLayout.slices(bytes, count: 2) {
            releaseBelow = slices[0].range.upperBound
            // A kubectl-style List: its items are read by two parsers side by side.
            work = slices.map { slice in
                { pipe in
                    var batch: [YAMLPiece] = []
                    let part = UnsafeRawBufferPointer(rebasing: input.bytes[slice.range])
                    transcodeItems(part, source: source, firstItem: slice.firstItem, offset: slice.range.lowerBound) { piece in
                        batch.append(piece)
                        if batch.count < 64 { return true }
                        defer { batch = [] }
                        return pipe.put(batch)
                    }
                    _ = pipe.put(batch)
                }
            }
        } else {
            work = [{ pipe in
                var batch: [YAMLPiece] = []
                transcode(input.bytes, source: source) { piece in
                    batch.append(piece)
                    if batch.count < 64 { return true }
                    defer { batch = [] }
                    return pipe.put(batch)
                }
                _ = pipe.put(batch)
            }]
        }
        let pipe = PiecePipe(producers: work.count)
        for job in work {
            let producer = Thread { job(pipe); pipe.finish() }
            producer.stackSize = 16 << 20
            producer.start()
        }
        // The input must outlive the producers: wait for them however this ends.
        defer { pipe.cancel(); pipe.waitFinished() }
        while let batch = pipe.take() {
            for piece in batch {
                var report = true
                if case .object(_, _, _, let consumed) = piece { report = consumed < releaseBelow }
                try handle(piece, report: report)
            }
        }
    }

    /// The items of one slice of a List (a YAML sequence at column 0), as JSON pieces.
    static func transcodeItems(_ bytes: UnsafeRawBufferPointer, source: String, firstItem: Int, offset: Int,
                               emit: (YAMLPiece) -> Bool) {
        let yaml = YAMLTranscoder(bytes)
        var json: [UInt8] = []
        var item = firstItem
        do throws(YAMLTranscoder.Failure) {
            guard case .list = try yaml.nextDocument(into: &json, sequenceAsList: true) else { return }
            while try yaml.nextItem(into: &json) {
                if !emit(.object(json: json, document: 0, detail: "items[\(item)]", consumed: offset + yaml.consumed)) { return }
                item += 1
            }
        } catch {
            // A line number within the slice means little; the item does.
            _ = emit(.failure(ManifestError(source: source, documentIndex: 0, reason: "items[\(item)]: " + error.message)))
        }
    }
}

/// The layout `kubectl get -o yaml` (and PyYAML) gives a List: `items:` at column 0, each
/// item a `- ` at column 0, everything inside it indented. There a line that starts with
/// `- ` begins an item and nothing else (YAML requires a block's contents, multi-line scalars
/// included, to be indented deeper than it), so the items can be cut apart and parsed by
/// several parsers. Any other layout, or a second document, is read in one piece.
enum ListLayout {
    struct Slice { var range: Range<Int>; var firstItem: Int }

    static func slices(_ b: UnsafeRawBufferPointer, count: Int) -> [Slice]? {
        var lineStarts: [Int] = []
        var itemsLine: Int?
        var starts: [Int] = []
        var regionEnd = b.count
        var p = 0
        func lineIs(_ p: Int, _ literal: StaticString) -> Bool {
            let n = literal.utf8CodeUnitCount
            guard p + n <= b.count, memcmp(b.baseAddress! + p, literal.utf8Start, n) == 0 else { return false }
            let e = p + n
            return e == b.count || b[e] == 0x0A || b[e] == 0x0D || b[e] == 0x20
        }
        while p < b.count {
            lineStarts.append(p)
            if itemsLine == nil {
                if lineIs(p, "items:") { itemsLine = p }
                else if lineIs(p, "---"), p != 0 { return nil }
            } else if regionEnd == b.count {
                let c = b[p]
                if c == UInt8(ascii: "-") && (p + 1 == b.count || b[p + 1] == 0x20 || b[p + 1] == 0x0A) {
                    if lineIs(p, "---") { regionEnd = p } else { starts.append(p) }
                } else if !(c == 0x20 || c == 0x0A || c == 0x0D || c == UInt8(ascii: "#")) {
                    regionEnd = p
                }
            } else if lineIs(p, "---") || lineIs(p, "...") {
                return nil
            }
            guard let nl = memchr(b.baseAddress! + p, 0x0A, b.count - p) else { break }
            p = b.baseAddress!.distance(to: UnsafeRawPointer(nl)) + 1
        }
        guard let itemsLine, let first = starts.first, starts.count >= 2 * count else { return nil }
        // Only the item lines may follow `items:` directly.
        guard let afterItems = lineStarts.first(where: { $0 > itemsLine }), afterItems == first else { return nil }
        // The rest of the document (apiVersion, kind, metadata) must be well formed too.
        var rest = Array(UnsafeRawBufferPointer(rebasing: b[0..<itemsLine]))
        rest.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[regionEnd..<b.count]))
        var ok = true
        rest.withUnsafeBytes { raw in
            ManifestDecoder.transcode(raw, source: "") { piece in
                if case .failure = piece { ok = false }
                return true
            }
        }
        guard ok else { return nil }
        // Cut where the bytes divide evenly, at item starts.
        var out: [Slice] = []
        var k = 0
        for part in 0..<count {
            let target = first + (regionEnd - first) * (part + 1) / count
            var j = k + 1
            while j < starts.count && starts[j] < target { j += 1 }
            if part == count - 1 { j = starts.count }
            out.append(Slice(range: starts[k]..<(j < starts.count ? starts[j] : regionEnd), firstItem: k))
            k = j
            if k >= starts.count { break }
        }
        return out
    }
}

/// The caller's bytes, handed to the producer thread; valid until `decodeYAML` returns, which
/// waits for that thread.
private struct UnsafeSendableBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    init(_ b: UnsafeRawBufferPointer) { bytes = b }
}

/// A bounded queue of batches from the YAML thread to the decoding one.
private final class PiecePipe: Sendable {
    private struct State {
        var batches: [[ManifestDecoder.YAMLPiece]] = []
        var finished = 0
        var cancelled = false
    }
    private let producers: Int
    init(producers: Int) {
        self.producers = producers
        for _ in 0..<8 { room.signal() }
    }
    private let state = Mutex(State())
    private let items = DispatchSemaphore(value: 0)
    // Made at 0 and raised: libdispatch traps on freeing a semaphore below its initial value.
    private let room = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    /// Queues a batch, waiting for room; false once the consumer has stopped.
    func put(_ batch: [ManifestDecoder.YAMLPiece]) -> Bool {
        room.wait()
        let open = state.withLock { s -> Bool in
            if s.cancelled { return false }
            s.batches.append(batch)
            return true
        }
        items.signal()
        return open
    }

    /// A producer is done.
    func finish() {
        state.withLock { $0.finished += 1 }
        items.signal()
        done.signal()
    }


    /// The next batch, or nil at the end.
    func take() -> [ManifestDecoder.YAMLPiece]? {
        while true {
            items.wait()
            let next = state.withLock { s -> (batch: [ManifestDecoder.YAMLPiece]?, end: Bool) in
                if !s.batches.isEmpty { return (s.batches.removeFirst(), false) }
                return (nil, s.finished == producers)
            }
            if let batch = next.batch { room.signal(); return batch }
            if next.end { return nil }
        }
    }

    func cancel() {
        state.withLock { $0.cancelled = true }
        // Let a producer blocked on room see the flag.
        for _ in 0..<8 { room.signal() }
    }

    func waitFinished() { for _ in 0..<producers { done.wait() } }
}
