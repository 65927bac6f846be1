/// A field that takes an integer or a string (`maxSurge: 25%`, `port: http`).
public enum IntOrString: Sendable, Hashable, Encodable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        }
    }

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return s
        }
    }

    /// Resolves a count or percentage against `total`, rounding up or down as the caller's
    /// controller does (`intstr.GetScaledValueFromIntOrPercent`).
    public func scaled(total: Int, roundUp: Bool) -> Int? {
        switch self {
        case .int(let i): return i
        case .string(let s):
            guard s.hasSuffix("%"), let p = Int(s.dropLast()) else { return Int(s) }
            // A user-supplied percentage must not be able to trap on overflow.
            let (product, overflow) = p.multipliedReportingOverflow(by: total)
            if overflow { return nil }
            let (whole, rest) = product.quotientAndRemainder(dividingBy: 100)
            return roundUp && rest > 0 ? whole + 1 : whole
        }
    }
}

extension IntOrString: JSONDecodable {
    /// A JSON number is an int; a string stays a string even if it looks like a number
    /// (`intstr.IntOrString` keeps `"80"` as a string, and a named port is looked up by it).
    public init(json r: inout JSONReader) throws(DecodeError) {
        let (text, quoted) = try r.readScalarText()
        if !quoted, let i = Int(text) { self = .int(i) } else { self = .string(text) }
    }
}

extension IntOrString {
    /// `getIntOrPercentValue` of apps validation: a percentage's number, else the integer
    /// (`IntValue`, 0 for a string that is not one).
    public var isZero: Bool {
        switch self {
        case .int(let i): return i == 0
        case .string(let s): return (s.hasSuffix("%") ? Int(s.dropLast()) : Int(s)) ?? 0 == 0
        }
    }

    /// How Go's `%#v` prints an `intstr.IntOrString` in a `field.Invalid` error.
    public var goSyntax: String {
        switch self {
        case .int(let i): return "intstr.IntOrString{Type:0, IntVal:\(i), StrVal:\"\"}"
        case .string(let s): return "intstr.IntOrString{Type:1, IntVal:0, StrVal:\"\(s)\"}"
        }
    }
}
