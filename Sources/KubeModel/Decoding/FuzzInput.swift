/// Deterministic inputs for the property and fuzz tests of the decoders (SplitMix64 and a
/// byte mutator): a seed and a count reproduce a run exactly. In the library so that every
/// test target can use it without a shared test target.
public struct FuzzRandom: Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<n
    public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    /// Tokens that break parsers: structure, escapes, absurd numbers, invalid UTF-8.
    public static let tokens: [[UInt8]] = ["{", "}", "[", "]", "\"", "\\", ",", ":", "null", "true", "-", "1e400",
                                           "999999999999Ei", "\\u0000", "\\ud800", "0.", "\"kind\":\"Pod\",", "\"\":",
                                           String(repeating: "[", count: 64)].map { Array($0.utf8) }
        + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x00], [0xE2, 0x82]]

    /// `input` with one to four random edits: a byte changed, a token inserted, a range
    /// deleted or repeated, or the end cut off.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var out = input
        for _ in 0...below(4) {
            let at = below(out.count + 1)
            switch below(6) {
            case 0 where !out.isEmpty: out[min(at, out.count - 1)] = UInt8(truncatingIfNeeded: next())
            case 1: out.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: at)
            case 2 where !out.isEmpty:
                let end = min(out.count, at + 1 + below(64))
                out.removeSubrange(min(at, end)..<end)
            case 3 where !out.isEmpty:
                let end = min(out.count, at + 1 + below(256))
                out.insert(contentsOf: out[min(at, end)..<end], at: min(at, end))
            case 4: out.removeSubrange(at..<out.count)
            default: out.insert(UInt8(truncatingIfNeeded: next()), at: at)
            }
        }
        return out
    }

    /// How many inputs a fuzz test tries: PREMORTEM_FUZZ_ITERATIONS, else `ci`.
    public static func iterations(ci: Int, environment: [String: String]) -> Int {
        environment["PREMORTEM_FUZZ_ITERATIONS"].flatMap(Int.init) ?? ci
    }
}
