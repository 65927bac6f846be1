import Foundation
import Testing
@testable import KubeModel

/// The quantity parser on random inputs from its own alphabet and on mutations of valid
/// quantities: it never traps or hangs, a refusal is always a `QuantityError` naming the
/// value, and what it accepts prints canonically and reads back as the same value.
/// CI tries 20,000 inputs per test; PREMORTEM_FUZZ_ITERATIONS=N for a long run.
@Suite struct QuantityFuzzTests {
    static let count = FuzzRandom.iterations(ci: 20_000, environment: ProcessInfo.processInfo.environment)
    static let alphabet = Array("0123456789.+-eEinumkKMGTP ".utf8)
    static let valid = ["500m", "1.5Gi", "1e3", "128974848", "0.025Ti", "9Ei", "1E-3", "100.035k", ".5", "12E", "1.G"]

    @Test func randomStringsOfTheGrammarsAlphabet() {
        var rng = FuzzRandom(seed: 11)
        let started = ContinuousClock.now
        var accepted = 0
        var slowest = Duration.zero
        for _ in 0..<Self.count {
            let length = rng.below(rng.below(4) == 0 ? 400 : 12)
            let text = String(decoding: (0..<length).map { _ in Self.alphabet[rng.below(Self.alphabet.count)] }, as: UTF8.self)
            let t = ContinuousClock.now
            do {
                let q = try Quantity(parsing: text)
                accepted += 1
                // Canonical form round-trips to the same value.
                #expect(try Quantity(parsing: q.description) == q, "\(text) -> \(q)")
            } catch {
                #expect(error.value == text && error.description.hasPrefix("invalid quantity"))
            }
            slowest = max(slowest, t.duration(to: .now))
        }
        print("quantity fuzz: \(Self.count) random strings, \(accepted) accepted, slowest \(slowest), total \(started.duration(to: .now))")
        #expect(slowest < .milliseconds(200))
    }

    @Test func mutationsOfValidQuantities() {
        var rng = FuzzRandom(seed: 12)
        let started = ContinuousClock.now
        for _ in 0..<Self.count {
            let bytes = rng.mutate(Array(Self.valid[rng.below(Self.valid.count)].utf8))
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let q = try Quantity(parsing: text)
                #expect(try Quantity(parsing: q.description) == q, "\(text) -> \(q)")
            } catch {
                #expect(error.value == text)
            }
        }
        print("quantity fuzz: \(Self.count) mutations, \(started.duration(to: .now))")
    }

    /// Random decimal quantities against exact arithmetic done another way: the digits as an
    /// integer number of nanos (rounded up), computed with Decimal.
    @Test func decimalValuesAgreeWithDecimalArithmetic() throws {
        var rng = FuzzRandom(seed: 13)
        let suffixes: [(String, Int)] = [("n", -9), ("u", -6), ("m", -3), ("", 0), ("k", 3), ("M", 6), ("G", 9)]
        for _ in 0..<Self.count / 10 {
            let whole = String(rng.next() % 1_000_000)
            let fraction = String(rng.next() % 1000)
            let (suffix, exp) = suffixes[rng.below(suffixes.count)]
            let text = "\(whole).\(fraction)\(suffix)"
            let q = try Quantity(parsing: text)
            let value = Decimal(string: "\(whole).\(fraction)")! * pow(Decimal(10), exp + 9)
            var rounded = Decimal()
            var v = value
            NSDecimalRound(&rounded, &v, 0, .up)
            #expect(String(q.nanos) == "\(rounded)", "\(text)")
        }
    }
}
