import Foundation

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

    private static func decodeYAML(_ bytes: UnsafeRawBufferPointer, source: String, interner: Interner, progress: (Int) -> Void,
                                   _ body: (KubeObject) throws(ManifestError) -> Void) throws(ManifestError) {
        let yaml = YAMLTranscoder(bytes)
        var json: [UInt8] = []
        var index = 0
        func fail(_ message: String, _ line: Int?) -> ManifestError {
            ManifestError(source: source, documentIndex: index, reason: line.map { "line \($0): " + message } ?? message)
        }
        func object(_ detail: String?) throws(ManifestError) -> KubeObject {
            let result: Result<KubeObject, DecodeError> = json.withUnsafeBytes { raw in
                var r = JSONReader(raw, interner: interner)
                do throws(DecodeError) { return .success(try KubeObject(json: &r)) } catch { return .failure(error) }
            }
            switch result {
            case .success(let o): return o
            case .failure(let error):
                throw ManifestError(source: source, documentIndex: index, reason: (detail.map { "\($0): " } ?? "") + error.description)
            }
        }
        while true {
            let doc: YAMLTranscoder.Document
            do { doc = try yaml.nextDocument(into: &json) } catch { throw fail(error.message, error.line) }
            switch doc {
            case .end: return
            case .empty: break
            case .object:
                try body(try object(nil))
                progress(yaml.consumed)
            case .list:
                var item = 0
                while true {
                    let more: Bool
                    do { more = try yaml.nextItem(into: &json) } catch { throw fail(error.message, error.line) }
                    if !more { break }
                    try body(try object("items[\(item)]"))
                    progress(yaml.consumed)
                    item += 1
                }
            }
            index += 1
        }
    }
}
