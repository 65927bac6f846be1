import Foundation

/// An exact Kubernetes resource quantity (`500m`, `1.5Gi`, `1e3`, `128974848`).
///
/// Stored as a count of nano-units in an `Int128`, the finest precision the API server keeps
/// (smaller fractions round up, as `resource.Quantity` does). Arithmetic is integer only, so
/// sums of requests never drift. Parsing follows `k8s.io/apimachinery/pkg/api/resource`:
/// `<sign><digits>[.<digits>]<suffix>` with a binary-SI, decimal-SI or decimal-exponent suffix.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let nanos: Int128

    public init(nanos: Int128) { self.nanos = nanos }
    public static let zero = Quantity(nanos: 0)
    public static func milli(_ m: Int64) -> Quantity { Quantity(nanos: Int128(m) * 1_000_000) }
    public static func units(_ u: Int64) -> Quantity { Quantity(nanos: Int128(u) * 1_000_000_000) }

    /// Milli-units, rounded up (as `Quantity.MilliValue`; what kube-scheduler uses for CPU).
    public var milliValue: Int64 { Self.clamp(Self.ceilDiv(nanos, 1_000_000)) }
    /// Whole units, rounded up (as `Quantity.Value`; what kube-scheduler uses for memory).
    public var value: Int64 { Self.clamp(Self.ceilDiv(nanos, 1_000_000_000)) }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.nanos < b.nanos }
    /// Sums saturate instead of trapping: a hostile manifest must not crash the process.
    public static func + (a: Quantity, b: Quantity) -> Quantity {
        let (r, o) = a.nanos.addingReportingOverflow(b.nanos)
        return Quantity(nanos: o ? (b.nanos > 0 ? .max : .min) : r)
    }
    public static func - (a: Quantity, b: Quantity) -> Quantity {
        let (r, o) = a.nanos.subtractingReportingOverflow(b.nanos)
        return Quantity(nanos: o ? (b.nanos < 0 ? .max : .min) : r)
    }

    public var description: String { Self.canonical(nanos) }

    private static func ceilDiv(_ a: Int128, _ b: Int128) -> Int128 {
        let q = a / b
        return (a % b != 0 && a > 0) ? q + 1 : q
    }

    private static func clamp(_ v: Int128) -> Int64 {
        if v > Int128(Int64.max) { return .max }
        if v < Int128(Int64.min) { return .min }
        return Int64(v)
    }

    /// The largest magnitude accepted: 10^26 units (10^35 nanos), far beyond any real resource, well
    /// inside `Int128` so that sums over thousands of pods cannot overflow.
    static let limit: Int128 = Int128(10).power(38) / 1000

    private static func canonical(_ n: Int128) -> String {
        let sign = n < 0 ? "-" : ""
        let a = n < 0 ? -n : n
        let giga: Int128 = 1_000_000_000
        if a % giga == 0 {
            let u = a / giga
            for (suffix, shift) in [("Ei", 60), ("Pi", 50), ("Ti", 40), ("Gi", 30), ("Mi", 20), ("Ki", 10)] {
                let unit = Int128(1) << shift
                if u >= unit && u % unit == 0 { return "\(sign)\(u / unit)\(suffix)" }
            }
            return "\(sign)\(u)"
        }
        if a % 1_000_000 == 0 { return "\(sign)\(a / 1_000_000)m" }
        if a % 1_000 == 0 { return "\(sign)\(a / 1_000)u" }
        return "\(sign)\(a)n"
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
    public init(parsing text: String) throws(QuantityError) {
        let s = Array(text.utf8)
        func fail(_ reason: String) -> QuantityError { QuantityError(value: text, reason: reason) }
        if s.isEmpty { throw fail("empty") }
        var i = 0
        var negative = false
        if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
            negative = s[i] == UInt8(ascii: "-"); i += 1
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenDot = false
        var seenDigit = false
        while i < s.count {
            let c = s[i]
            if c >= 48 && c <= 57 {
                seenDigit = true
                digits.append(c - 48)
                if seenDot { fractionDigits += 1 }
            } else if c == UInt8(ascii: ".") && !seenDot {
                seenDot = true
            } else { break }
            i += 1
        }
        if !seenDigit { throw fail("expected a number") }
        let suffix = String(decoding: s[i...], as: UTF8.self)
        // Scale as a multiplier of nano-units: binary suffixes multiply by 2^k, decimal by 10^k.
        var binaryShift = 0
        var decimalExponent = 0
        switch suffix {
        case "": decimalExponent = 0
        case "n": decimalExponent = -9
        case "u": decimalExponent = -6
        case "m": decimalExponent = -3
        case "k": decimalExponent = 3
        case "M": decimalExponent = 6
        case "G": decimalExponent = 9
        case "T": decimalExponent = 12
        case "P": decimalExponent = 15
        case "E": decimalExponent = 18
        case "Ki": binaryShift = 10
        case "Mi": binaryShift = 20
        case "Gi": binaryShift = 30
        case "Ti": binaryShift = 40
        case "Pi": binaryShift = 50
        case "Ei": binaryShift = 60
        default:
            guard let first = suffix.first, first == "e" || first == "E",
                  let exp = Int(suffix.dropFirst()), suffix.count > 1, suffix.count <= 5 else {
                throw fail("unknown suffix \"\(suffix)\" (use m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent like e3)")
            }
            decimalExponent = exp
        }
        // Strip leading zeros so long zero-padded numbers are not mistaken for huge ones.
        while digits.count > 1 && digits.first == 0 && digits.count > fractionDigits { digits.removeFirst() }
        if digits.count - fractionDigits > 40 { throw fail("too large") }
        // value = digits * 10^(decimalExponent - fractionDigits + 9) * 2^binaryShift nanos
        let exponent = decimalExponent - fractionDigits + 9
        var mantissa: Int128 = 0
        var dropped = false
        let keep = exponent >= 0 ? digits.count : max(0, digits.count + exponent)
        for (k, d) in digits.enumerated() {
            if k < keep {
                let (m1, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(Int128(d))
                if o1 || o2 || m2 > Quantity.limit { throw fail("too large") }
                mantissa = m2
            } else if d != 0 { dropped = true }
        }
        if exponent > 0 {
            for _ in 0..<exponent {
                let (m, o) = mantissa.multipliedReportingOverflow(by: 10)
                if o || m > Quantity.limit { throw fail("too large") }
                mantissa = m
            }
        }
        if binaryShift > 0 {
            // A fractional binary quantity (1.5Gi) is exact only after the shift; keep the
            // discarded decimal digits by shifting first when the exponent was negative.
            if exponent < 0 {
                var exact: Int128 = 0
                for d in digits {
                    let (m1, o1) = exact.multipliedReportingOverflow(by: 10)
                    let (m2, o2) = m1.addingReportingOverflow(Int128(d))
                    if o1 || o2 { throw fail("too large") }
                    exact = m2
                }
                let (shifted, o) = exact.multipliedReportingOverflow(by: Int128(1) << binaryShift)
                if o { throw fail("too large") }
                if -exponent > 38 {
                    // 10^39 does not fit in Int128 and exceeds any `shifted`: under one nano.
                    mantissa = 0
                    dropped = shifted != 0
                } else {
                    let divisor = Int128(10).power(-exponent)
                    mantissa = shifted / divisor
                    dropped = shifted % divisor != 0
                }
            } else {
                let (m, o) = mantissa.multipliedReportingOverflow(by: Int128(1) << binaryShift)
                if o || m > Quantity.limit { throw fail("too large") }
                mantissa = m
            }
        }
        // Kubernetes rounds precision finer than a nano-unit up, away from zero.
        if dropped { mantissa += 1 }
        if mantissa > Quantity.limit { throw fail("too large") }
        self.nanos = negative ? -mantissa : mantissa
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
