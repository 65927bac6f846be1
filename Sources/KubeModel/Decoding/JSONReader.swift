import Foundation

/// An object Premortem reads straight from JSON bytes: the decoder picks out the fields the
/// simulation reads and skips the rest without building it (`managedFields`, env values,
/// status it never looks at), which is what makes a 150,000-pod snapshot load in seconds.
public protocol JSONDecodable {
    init(json r: inout JSONReader) throws(DecodeError)
}

/// A key of the object being read, compared in place against literals:
/// `switch key { case "metadata": ... }`.
public struct JSONKey {
    let start: UnsafePointer<UInt8>
    let count: Int
    /// Set when the key held escapes, so its bytes are not its text.
    let unescaped: String?

    public var string: String {
        unescaped ?? String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    public static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        if let unescaped = key.unescaped { return unescaped == pattern.description }
        return pattern.utf8CodeUnitCount == key.count && memcmp(pattern.utf8Start, key.start, key.count) == 0
    }
}

/// A pull parser over JSON held in memory. Strict about syntax (the API server's own decoder
/// is), tolerant about scalar types where YAML would be (a number where a string is expected
/// is read as its text, as `sigs.k8s.io/yaml` does for string fields), and like Go's
/// `encoding/json` in what it does with duplicate keys (the last one wins: decoders assign in
/// order) and invalid UTF-8 (replaced with U+FFFD).
///
/// The bytes must outlive the reader; nothing read keeps a reference to them.
public struct JSONReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    var pos = 0
    /// The key or index being read at each level, for error messages.
    var path: [PathItem] = []
    /// Shares equal label maps, specs and strings between the objects of one load.
    public let interner: Interner

    enum PathItem {
        case key(offset: Int, count: Int)
        case escapedKey(String)
        case index(Int)
    }

    public init(_ bytes: UnsafeRawBufferPointer, interner: Interner = Interner()) {
        // An empty buffer has no base address; any valid pointer will do, nothing is read.
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        end = bytes.count
        self.interner = interner
        path.reserveCapacity(32)
    }

    /// Bytes consumed so far.
    public var offset: Int { pos }

    /// Goes back to `offset` at nesting `depth` (both read earlier from this reader), to read
    /// a value again or skip it after a failed attempt.
    public mutating func rewind(to offset: Int, depth: Int) {
        pos = offset
        path.removeSubrange(depth...)
    }

    /// How deep the reader is, for `rewind`.
    public var depth: Int { path.count }

    // MARK: errors

    /// An error at the field being read.
    public func error(_ message: String) -> DecodeError {
        DecodeError(path: pathString, message: message)
    }

    /// A required field the object just read did not have (call after its closing brace).
    public func missing(_ field: String) -> DecodeError {
        let at = pathString
        return DecodeError(path: "", message: "missing required field " + (at.isEmpty ? field : at + "." + field))
    }

    func syntax(_ message: String) -> DecodeError {
        DecodeError(path: pathString, message: "not valid JSON at byte \(pos): \(message)")
    }

    var pathString: String {
        var out = ""
        for item in path {
            switch item {
            case .key(let offset, let count):
                if !out.isEmpty { out += "." }
                out += String(decoding: UnsafeBufferPointer(start: base + offset, count: count), as: UTF8.self)
            case .escapedKey(let s):
                if !out.isEmpty { out += "." }
                out += s
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }

    // MARK: structure

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            let c = base[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
        }
    }

    /// The first byte of the next value, without consuming it; nil at the end of input.
    public mutating func peekByte() -> UInt8? {
        skipWhitespace()
        return pos < end ? base[pos] : nil
    }

    /// Whether the input holds nothing but whitespace from here.
    public mutating func atEnd() -> Bool { peekByte() == nil }

    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: String) throws(DecodeError) {
        skipWhitespace()
        guard pos < end, base[pos] == byte else { throw syntax("expected \(what)") }
        pos += 1
    }

    /// Consumes `null` if it comes next.
    public mutating func readNull() -> Bool {
        skipWhitespace()
        if pos + 4 <= end, base[pos] == 0x6E, base[pos + 1] == 0x75, base[pos + 2] == 0x6C, base[pos + 3] == 0x6C {
            pos += 4
            return true
        }
        return false
    }

    /// Enters an object: `{`. Then call `nextKey()` until it returns nil.
    public mutating func beginObject() throws(DecodeError) {
        skipWhitespace()
        guard pos < end, base[pos] == 0x7B else { throw error("expected an object, found \(found())") }
        pos += 1
        path.append(.index(-1))
    }

    /// The next key of the object being read, positioned at its value; nil (and the object
    /// left) at its closing brace.
    public mutating func nextKey() throws(DecodeError) -> JSONKey? {
        skipWhitespace()
        guard pos < end else { throw syntax("unterminated object") }
        if base[pos] == 0x7D {
            pos += 1
            path.removeLast()
            return nil
        }
        if case .index(-1) = path[path.count - 1] {
            // First key: no comma before it.
        } else {
            guard base[pos] == 0x2C else { throw syntax("expected ',' or '}' after an object member") }
            pos += 1
            skipWhitespace()
        }
        guard pos < end, base[pos] == 0x22 else { throw syntax("expected a string key") }
        let key = try scanKey()
        try expect(0x3A, "':' after an object key")
        if let s = key.unescaped {
            path[path.count - 1] = .escapedKey(s)
        } else {
            path[path.count - 1] = .key(offset: key.start - base, count: key.count)
        }
        return key
    }

    /// Enters an array: `[`. Then call `nextElement()` until it returns false.
    public mutating func beginArray() throws(DecodeError) {
        skipWhitespace()
        guard pos < end, base[pos] == 0x5B else { throw error("expected a list, found \(found())") }
        pos += 1
        path.append(.index(-1))
    }

    /// Whether another element follows (positioned at it), or the array ended (and was left).
    public mutating func nextElement() throws(DecodeError) -> Bool {
        skipWhitespace()
        guard pos < end else { throw syntax("unterminated list") }
        guard case .index(let i) = path[path.count - 1] else { return false }
        if base[pos] == 0x5D {
            pos += 1
            path.removeLast()
            return false
        }
        if i >= 0 {
            guard base[pos] == 0x2C else { throw syntax("expected ',' or ']' after a list element") }
            pos += 1
        }
        path[path.count - 1] = .index(i + 1)
        return true
    }

    /// A list, each element read by `element`; nil for `null`.
    public mutating func readArray<T>(_ element: (inout JSONReader) throws(DecodeError) -> T) throws(DecodeError) -> [T]? {
        if readNull() { return nil }
        try beginArray()
        var out: [T] = []
        while try nextElement() { out.append(try element(&self)) }
        return out
    }

    /// A list of decodable values; nil for `null`.
    public mutating func readArray<T: JSONDecodable>(of: T.Type = T.self) throws(DecodeError) -> [T]? {
        try readArray { (r: inout JSONReader) throws(DecodeError) in try T(json: &r) }
    }

    /// A decodable value; nil for `null`.
    public mutating func read<T: JSONDecodable>(_: T.Type = T.self) throws(DecodeError) -> T? {
        if readNull() { return nil }
        return try T(json: &self)
    }

    /// Skips the next value whatever it is, without building it (iterative: no nesting depth
    /// can exhaust the stack).
    public mutating func skipValue() throws(DecodeError) {
        skipWhitespace()
        guard pos < end else { throw syntax("expected a value") }
        var depth = 0
        repeat {
            skipWhitespace()
            guard pos < end else { throw syntax("unterminated value") }
            let c = base[pos]
            switch c {
            case 0x7B, 0x5B: depth += 1; pos += 1
            case 0x7D, 0x5D:
                guard depth > 0 else { throw syntax("unexpected '\(Character(UnicodeScalar(c)))'") }
                depth -= 1; pos += 1
            case 0x22: try skipString()
            case 0x2C, 0x3A:
                guard depth > 0 else { throw syntax("unexpected '\(Character(UnicodeScalar(c)))'") }
                pos += 1
            default: try skipLiteral()
            }
        } while depth > 0
    }

    /// What comes next, in words, for type errors.
    mutating func found() -> String {
        skipWhitespace()
        guard pos < end else { return "the end of input" }
        switch base[pos] {
        case 0x7B: return "an object"
        case 0x5B: return "a list"
        case 0x22: return "a string"
        case 0x74, 0x66: return "a boolean"
        case 0x6E: return "null"
        default: return "a number"
        }
    }
}
