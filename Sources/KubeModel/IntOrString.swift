/// A field that takes an integer or a string (`maxSurge: 25%`, `port: http`).
public enum IntOrString: Sendable, Hashable, Codable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int.self) { self = .int(i); return }
        self = .string(try c.decode(String.self))
    }

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
