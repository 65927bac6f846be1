import Foundation

/// An exact Kubernetes resource quantity (`500m`, `1.5Gi`, `1e3`, `128974848`).
///
/// Stored as a count of nano-units in an `Int128`, the finest precision the API server keeps
/// (smaller fractions round up, as `resource.Quantity` does). Arithmetic is integer only, so
/// sums of requests never drift. Parsing follows `k8s.io/apimachinery/pkg/api/resource`:
/// `<sign><digits>[.<digits>]<suffix>` with a binary-SI, decimal-SI or decimal-exponent suffix.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let nanos: Int128
    /// How the quantity was written, which decides how it prints (`resource.Format`): not part
    /// of its value, so `1Gi == 1073741824` as `Quantity.Cmp` has it.
    public let format: Format

    public enum Format: UInt8, Sendable {
        case decimalSI, binarySI, decimalExponent
    }

    public init(nanos: Int128, format: Format = .decimalSI) { self.nanos = nanos; self.format = format }
    public static let zero = Quantity(nanos: 0)
    public static func milli(_ m: Int64) -> Quantity { Quantity(nanos: Int128(m) * 1_000_000) }
    public static func units(_ u: Int64) -> Quantity { Quantity(nanos: Int128(u) * 1_000_000_000) }

    /// Milli-units, rounded up (as `Quantity.MilliValue`; what kube-scheduler uses for CPU).
    public var milliValue: Int64 { Self.clamp(Self.ceilDiv(nanos, 1_000_000)) }
    /// Whole units, rounded up (as `Quantity.Value`; what kube-scheduler uses for memory).
    public var value: Int64 { Self.clamp(Self.ceilDiv(nanos, 1_000_000_000)) }

    public static func == (a: Quantity, b: Quantity) -> Bool { a.nanos == b.nanos }
    public func hash(into h: inout Hasher) { h.combine(nanos) }
    public static func < (a: Quantity, b: Quantity) -> Bool { a.nanos < b.nanos }
    /// Sums saturate instead of trapping: a hostile manifest must not crash the process.
    /// The result keeps the left operand's format, as `Quantity.Add` does.
    public static func + (a: Quantity, b: Quantity) -> Quantity {
        let (r, o) = a.nanos.addingReportingOverflow(b.nanos)
        return Quantity(nanos: o ? (b.nanos > 0 ? .max : .min) : r, format: a.format)
    }
    public static func - (a: Quantity, b: Quantity) -> Quantity {
        let (r, o) = a.nanos.subtractingReportingOverflow(b.nanos)
        return Quantity(nanos: o ? (b.nanos < 0 ? .max : .min) : r, format: a.format)
    }

    public var description: String { Self.canonical(nanos, format) }

    private static func ceilDiv(_ a: Int128, _ b: Int128) -> Int128 {
        let q = a / b
        return (a % b != 0 && a > 0) ? q + 1 : q
    }

    private static func clamp(_ v: Int128) -> Int64 {
        if v > Int128(Int64.max) { return .max }
        if v < Int128(Int64.min) { return .min }
        return Int64(v)
    }

    /// The largest decimal magnitude kept: 10^26 units (10^35 nanos). The API server keeps
    /// decimal quantities at any precision (`inf.Dec`); beyond this one saturates, which
    /// changes no verdict (it is far beyond any capacity) and keeps sums over thousands of
    /// pods inside `Int128`.
    public static let limit: Int128 = Int128(10).power(38) / 1000
    /// The API server's cap for binary-SI quantities (`maxAllowed`, 2^63-1 units): `9Ei`
    /// parses as this.
    public static let binaryLimit: Int128 = Int128(Int64.max) * 1_000_000_000

    /// `Quantity.String()`: the canonical form of `resource.Quantity.CanonicalizeBytes`.
    static func canonical(_ n: Int128, _ format: Format) -> String {
        if n == 0 { return "0" }
        let sign = n < 0 ? "-" : ""
        let a = n.magnitude
        let giga: UInt128 = 1_000_000_000
        var format = format
        if format == .binarySI {
            // Below 1024, or not a whole number of units, binary would round: decimal instead.
            if a < 1024 * giga || a % giga != 0 { format = .decimalSI }
        }
        if format == .binarySI {
            var units = a / giga
            var exponent = 0
            while units >= 1024 && units % 1024 == 0 && exponent < 6 { units /= 1024; exponent += 1 }
            return sign + String(units) + ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][exponent]
        }
        // Decimal: all factors of ten into the exponent, then down to a multiple of three.
        var mantissa = a
        var exponent = -9
        while mantissa % 10 == 0 { mantissa /= 10; exponent += 1 }
        while exponent % 3 != 0 { mantissa *= 10; exponent -= 1 }
        if format == .decimalExponent {
            return sign + String(mantissa) + (exponent == 0 ? "" : "e\(exponent)")
        }
        let suffixes: [Int: String] = [-9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E"]
        // Go prints no suffix at all past E (a wrong number); the exponent form is exact.
        guard let suffix = suffixes[exponent] else { return sign + String(mantissa) + "e\(exponent)" }
        return sign + String(mantissa) + suffix
    }
}

extension Int128 {
    func power(_ e: Int) -> Int128 {
        var r: Int128 = 1
        for _ in 0..<e { r *= self }
        return r
    }
}

public struct QuantityError: Error, Sendable, Equatable, CustomStringConvertible {
    public let value: String
    public let reason: String
    public var description: String { "invalid quantity \"\(value)\": \(reason)" }
}

extension Quantity {
    /// Parses as `resource.ParseQuantity` does: `<sign><digits>[.<digits>]<suffix>`, any
    /// number of digits and any exponent the API server reads (arbitrary precision), rounded
    /// up to a nano-unit and saturated at `binaryLimit` (binary SI, as the API server caps it)
    /// or `limit` (decimal). Only what the API server refuses is an error.
    public init(parsing text: String) throws(QuantityError) {
        func fail(_ reason: String) -> QuantityError { QuantityError(value: text, reason: reason) }
        let s = Array(text.utf8)
        if s.isEmpty { throw fail("empty") }
        let parts = Self.split(s)
        guard let parts else {
            throw fail("not a number followed by a suffix (m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent like e3)")
        }
        let suffix = String(decoding: parts.suffix, as: UTF8.self)
        var binaryShift = 0
        var exponent = 0
        var format = Format.decimalSI
        switch suffix {
        case "": exponent = 0
        case "n": exponent = -9
        case "u": exponent = -6
        case "m": exponent = -3
        case "k": exponent = 3
        case "M": exponent = 6
        case "G": exponent = 9
        case "T": exponent = 12
        case "P": exponent = 15
        case "E": exponent = 18
        case "Ki", "Mi", "Gi", "Ti", "Pi", "Ei":
            format = .binarySI
            binaryShift = 10 * (["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"].firstIndex(of: suffix)! + 1)
        default:
            // strconv.ParseInt(suffix[1:], 10, 64), then int32(...): Go keeps the low 32 bits.
            guard suffix.count > 1, suffix.first == "e" || suffix.first == "E", let e = Int64(suffix.dropFirst()) else {
                throw fail("unknown suffix \"\(suffix)\" (use m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent like e3)")
            }
            exponent = Int(Int32(truncatingIfNeeded: e))
            format = .decimalExponent
        }
        var magnitude = Self.nanos(digits: parts.digits, pointAt: parts.integerDigits, tenPower: exponent, twoPower: binaryShift)
        let cap = format == .binarySI ? Self.binaryLimit : Self.limit
        if magnitude > cap { magnitude = cap }
        // A fraction of a unit in binary prints as decimal (ParseQuantity's "avoids rounding").
        if format == .binarySI && magnitude > 0 && magnitude < 1_000_000_000 { format = .decimalSI }
        self.init(nanos: parts.negative ? -magnitude : magnitude, format: format)
    }

    /// `parseQuantityString`: sign, digits (leading zeros dropped), an optional fraction, and
    /// a suffix made of `eEinumkKMGTP` with an optional signed exponent. Nil: ErrFormatWrong.
    static func split(_ s: [UInt8]) -> (negative: Bool, digits: ArraySlice<UInt8>, integerDigits: Int, suffix: ArraySlice<UInt8>)? {
        var i = 0
        var negative = false
        if i < s.count && (s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+")) {
            negative = s[i] == UInt8(ascii: "-"); i += 1
        }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        let numberStart = i
        while i < s.count && isDigit(s[i]) { i += 1 }
        let integerDigits = i - numberStart
        var digits = Array(s[numberStart..<i])
        if i < s.count && s[i] == UInt8(ascii: ".") {
            i += 1
            while i < s.count && isDigit(s[i]) { digits.append(s[i]); i += 1 }
        }
        let suffixStart = i
        let suffixLetters = Set("eEinumkKMGTP".utf8)
        while i < s.count && suffixLetters.contains(s[i]) { i += 1 }
        if i < s.count && (s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+")) { i += 1 }
        while i < s.count && isDigit(s[i]) { i += 1 }
        guard i == s.count else { return nil }
        return (negative, digits[...], integerDigits, s[suffixStart...])
    }

    /// |digits| (ASCII, a point after `pointAt` of them) x 10^tenPower x 2^twoPower, in
    /// nano-units rounded up, or more than `limit` when it is larger: exact for any length of
    /// digits and any exponent, in time linear in the digits.
    static func nanos(digits: ArraySlice<UInt8>, pointAt: Int, tenPower: Int, twoPower: Int) -> Int128 {
        // Significant digits only: leading zeros carry nothing, trailing zeros go into the exponent.
        guard let first = digits.firstIndex(where: { $0 != 48 }) else { return 0 }
        let last = digits.lastIndex(where: { $0 != 48 })!
        let significant = digits[first...last]
        let n = significant.count
        // value = significant x 10^e x 2^twoPower nanos
        let e = tenPower + 9 + (pointAt - (first - digits.startIndex)) - n
        // log10(value) lies in [n-1+e+0.301*twoPower, n+e+0.301*twoPower).
        let low = Double(n - 1 + e) + 0.30103 * Double(twoPower)
        if low >= 36 { return limit + 1 }
        if low < -3 { return 1 }   // under a nano-unit, not zero: rounded up to one
        // Here n + e is small, so digits past the 45th only decide the rounding.
        let kept = significant.prefix(45)
        let sticky = n > kept.count
        let shift = e + (n - kept.count)
        var x = BigNatural()
        for d in kept { x.multiply(by: 10); x.add(UInt32(d - 48)) }
        var bits = twoPower
        while bits > 0 { let b = min(bits, 30); x.multiply(by: UInt32(1) << UInt32(b)); bits -= b }
        var remainder = false
        if shift >= 0 {
            for _ in 0..<shift { x.multiply(by: 10) }
        } else {
            for _ in 0..<(-shift) { if x.divide(by: 10) != 0 { remainder = true } }
        }
        guard var result = x.int128(atMost: limit) else { return limit + 1 }
        if remainder || sticky { result += 1 }
        return result
    }
}

/// A small unsigned big integer for parsing: base 2^32 limbs, least significant first.
struct BigNatural {
    var limbs: [UInt32] = []

    mutating func multiply(by m: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let p = UInt64(limbs[i]) * UInt64(m) + carry
            limbs[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    mutating func add(_ a: UInt32) {
        var carry = UInt64(a)
        var i = 0
        while carry != 0 {
            if i == limbs.count { limbs.append(0) }
            let s = UInt64(limbs[i]) + carry
            limbs[i] = UInt32(truncatingIfNeeded: s)
            carry = s >> 32
            i += 1
        }
    }

    /// Divides in place; returns the remainder.
    mutating func divide(by d: UInt32) -> UInt32 {
        var r: UInt64 = 0
        for i in limbs.indices.reversed() {
            let cur = (r << 32) | UInt64(limbs[i])
            limbs[i] = UInt32(cur / UInt64(d))
            r = cur % UInt64(d)
        }
        while limbs.last == 0 { limbs.removeLast() }
        return UInt32(r)
    }

    /// The value, or nil when it is above `bound`.
    func int128(atMost bound: Int128) -> Int128? {
        if limbs.count > 4 { return nil }
        var v: UInt128 = 0
        for l in limbs.reversed() { v = (v << 32) | UInt128(l) }
        return v > UInt128(bound) ? nil : Int128(v)
    }
}

extension Quantity: Encodable, JSONDecodable {
    /// A string (`"500m"`) or a number (`2`, YAML's plain `1e3`), as `resource.Quantity` accepts.
    public init(json r: inout JSONReader) throws(DecodeError) {
        let (text, _) = try r.readScalarText()
        do {
            self = try Quantity(parsing: text.trimmingCharacters(in: .whitespaces))
        } catch {
            throw r.error(error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
