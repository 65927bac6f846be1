import Foundation

extension JSONReader {
    // MARK: strings

    /// A key's bytes in place (the common case) or, when it holds escapes, its text.
    mutating func scanKey() throws(DecodeError) -> JSONKey {
        let start = pos + 1
        var i = start
        while i < end {
            let c = base[i]
            if c == 0x22 {
                pos = i + 1
                return JSONKey(start: base + start, count: i - start, unescaped: nil)
            }
            if c == 0x5C { break }
            i += 1
        }
        let text = try readStringToken()
        return JSONKey(start: base, count: 0, unescaped: text)
    }

    /// Moves past a string token.
    mutating func skipString() throws(DecodeError) {
        var i = pos + 1
        while i < end {
            let c = base[i]
            if c == 0x22 { pos = i + 1; return }
            i += c == 0x5C ? 2 : 1
        }
        throw syntax("unterminated string")
    }

    /// Moves past a number, `true`, `false` or `null`.
    mutating func skipLiteral() throws(DecodeError) {
        let start = pos
        while pos < end {
            let c = base[pos]
            if c == 0x2C || c == 0x7D || c == 0x5D || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x3A { break }
            pos += 1
        }
        if pos == start { throw syntax("expected a value") }
        let c = base[start]
        guard c == 0x2D || (c >= 0x30 && c <= 0x39) || c == 0x74 || c == 0x66 || c == 0x6E else {
            pos = start
            throw syntax("unexpected character '\(Character(UnicodeScalar(c)))'")
        }
    }

    /// The string token at `pos`, unescaped.
    mutating func readStringToken() throws(DecodeError) -> String {
        let start = pos + 1
        var i = start
        while i < end {
            let c = base[i]
            if c == 0x22 {
                pos = i + 1
                return String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self)
            }
            if c == 0x5C { return try readEscapedString(from: start, plainUpTo: i) }
            if c < 0x20 { throw syntax("control character in a string") }
            i += 1
        }
        throw syntax("unterminated string")
    }

    private mutating func readEscapedString(from start: Int, plainUpTo firstEscape: Int) throws(DecodeError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(firstEscape - start + 16)
        bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: firstEscape - start))
        var i = firstEscape
        while i < end {
            let c = base[i]
            if c == 0x22 {
                pos = i + 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if c < 0x20 { pos = i; throw syntax("control character in a string") }
            guard c == 0x5C else { bytes.append(c); i += 1; continue }
            guard i + 1 < end else { break }
            let e = base[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: bytes.append(e)
            case 0x62: bytes.append(0x08)
            case 0x66: bytes.append(0x0C)
            case 0x6E: bytes.append(0x0A)
            case 0x72: bytes.append(0x0D)
            case 0x74: bytes.append(0x09)
            case 0x75:
                guard let u = hex4(at: i) else { pos = i; throw syntax("bad \\u escape") }
                i += 4
                var scalar = UnicodeScalar(u)
                if (0xD800...0xDBFF).contains(u), i + 6 <= end, base[i] == 0x5C, base[i + 1] == 0x75, let low = hex4(at: i + 2),
                   (0xDC00...0xDFFF).contains(low) {
                    scalar = UnicodeScalar(0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                    i += 6
                }
                // A lone surrogate becomes U+FFFD, as Go's decoder makes it.
                bytes.append(contentsOf: String(Character(scalar ?? "\u{FFFD}")).utf8)
            default:
                pos = i - 2
                throw syntax("bad escape")
            }
        }
        throw syntax("unterminated string")
    }

    private func hex4(at i: Int) -> UInt16? {
        guard i + 4 <= end else { return nil }
        var v: UInt16 = 0
        for k in 0..<4 {
            let c = base[i + k]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt16(d)
        }
        return v
    }

    /// The raw text of a number or literal token at `pos`, consumed.
    mutating func literalText() throws(DecodeError) -> String {
        let start = pos
        try skipLiteral()
        return String(decoding: UnsafeBufferPointer(start: base + start, count: pos - start), as: UTF8.self)
    }

    // MARK: typed scalars

    /// A string; a number or boolean is read as its text (YAML's plain scalars), null is an error.
    public mutating func readString() throws(DecodeError) -> String {
        skipWhitespace()
        guard pos < end else { throw syntax("expected a string") }
        switch base[pos] {
        case 0x22: return try readStringToken()
        case 0x7B, 0x5B: throw error("expected a string, found \(found())")
        case 0x6E where readNull(): throw error("expected a string, found null")
        default: return try literalText()
        }
    }

    /// A string, or nil for `null`.
    public mutating func readStringOrNil() throws(DecodeError) -> String? {
        if readNull() { return nil }
        return try readString()
    }

    /// An interned string: for values many objects repeat (namespaces, node names, images).
    public mutating func readInternedString() throws(DecodeError) -> String? {
        guard let s = try readStringOrNil() else { return nil }
        return interner.string(s)
    }

    /// An integer. Fractions, exponents and strings are errors, as they are to the API server.
    public mutating func readInt() throws(DecodeError) -> Int {
        skipWhitespace()
        guard pos < end else { throw syntax("expected an integer") }
        let c = base[pos]
        guard c == 0x2D || (c >= 0x30 && c <= 0x39) else { throw error("expected an integer, found \(found())") }
        let start = pos
        var negative = false
        if c == 0x2D { negative = true; pos += 1 }
        var value = 0
        var digits = 0
        var overflow = false
        while pos < end, base[pos] >= 0x30, base[pos] <= 0x39 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int(base[pos] - 0x30)) : m.addingReportingOverflow(Int(base[pos] - 0x30))
            overflow = overflow || o1 || o2
            value = a
            digits += 1
            pos += 1
        }
        if pos < end, base[pos] == 0x2E || base[pos] == 0x65 || base[pos] == 0x45 {
            pos = start
            let text = try literalText()
            throw error("expected an integer, found \(text)")
        }
        if digits == 0 { pos = start; throw syntax("expected an integer") }
        if overflow {
            pos = start
            let text = try literalText()
            throw error("integer \(text) is out of range")
        }
        return value
    }

    /// An integer, or nil for `null`.
    public mutating func readIntOrNil() throws(DecodeError) -> Int? {
        if readNull() { return nil }
        return try readInt()
    }

    /// A boolean. YAML 1.1's words (`yes`, `on`...) count, as go-yaml reads them.
    public mutating func readBool() throws(DecodeError) -> Bool {
        skipWhitespace()
        guard pos < end else { throw syntax("expected a boolean") }
        let c = base[pos]
        if c == 0x74 || c == 0x66 {
            let text = try literalText()
            if text == "true" { return true }
            if text == "false" { return false }
            throw error("expected a boolean, found \(text)")
        }
        if c == 0x22 {
            let text = try readStringToken()
            switch text {
            case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "True", "TRUE": return true
            case "n", "N", "no", "No", "NO", "off", "Off", "OFF", "False", "FALSE": return false
            default: throw error("expected a boolean, found \"\(text)\"")
            }
        }
        throw error("expected a boolean, found \(found())")
    }

    public mutating func readBoolOrNil() throws(DecodeError) -> Bool? {
        if readNull() { return nil }
        return try readBool()
    }

    /// The text of a string or number token, for values that take either (quantities,
    /// int-or-string): `"500m"`, `2`, `1e3`.
    public mutating func readScalarText() throws(DecodeError) -> (text: String, quoted: Bool) {
        skipWhitespace()
        guard pos < end else { throw syntax("expected a value") }
        switch base[pos] {
        case 0x22: return (try readStringToken(), true)
        case 0x7B, 0x5B: throw error("expected a string or a number, found \(found())")
        default: return (try literalText(), false)
        }
    }

    // MARK: common shapes

    /// `map[string]string` (labels, selectors, annotations); nil for `null`.
    public mutating func readStringMap() throws(DecodeError) -> [String: String]? {
        if readNull() { return nil }
        try beginObject()
        var out: [String: String] = [:]
        while let key = try nextKey() {
            out[key.string] = try readStringOrNil() ?? ""
        }
        return out
    }

    /// `[]string`; nil for `null`.
    public mutating func readStringArray() throws(DecodeError) -> [String]? {
        try readArray { (r: inout JSONReader) throws(DecodeError) in try r.readString() }
    }

    /// A map of resource names to quantities (`requests`, `allocatable`, `hard`).
    public mutating func readQuantityMap() throws(DecodeError) -> [String: Quantity]? {
        if readNull() { return nil }
        try beginObject()
        var out: [String: Quantity] = [:]
        while let key = try nextKey() {
            if readNull() { continue }
            out[interner.string(key.string)] = try Quantity(json: &self)
        }
        return out
    }
}
