import Testing
@testable import KubeModel

private func q(_ s: String) throws -> Quantity { try Quantity(parsing: s) }
private func nanos(_ s: String) throws -> Int128 { try q(s).nanos }

private let giga: Int128 = 1_000_000_000

@Suite struct QuantityParsingTests {
    /// Suffix -> nano-units in one unit of it.
    static let suffixes: [(String, Int128)] = {
        var table: [(String, Int128)] = [("n", 1), ("u", 1_000), ("m", 1_000_000), ("", giga)]
        var decimal = giga
        for suffix in ["k", "M", "G", "T", "P", "E"] {
            decimal *= 1000
            table.append((suffix, decimal))
        }
        for (i, suffix) in ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"].enumerated() {
            table.append((suffix, (Int128(1) << (10 * (i + 1))) * giga))
        }
        return table
    }()

    @Test func suffixTableIsComplete() {
        #expect(Self.suffixes.count == 16)
        #expect(Self.suffixes.first { $0.0 == "E" }?.1 == 1_000_000_000_000_000_000 * giga)
        #expect(Self.suffixes.first { $0.0 == "Ei" }?.1 == 1_152_921_504_606_846_976 * giga)
    }

    @Test(arguments: suffixes)
    func everySuffix(suffix: String, nanosPerUnit: Int128) throws {
        #expect(try nanos("5\(suffix)") == 5 * nanosPerUnit)
        #expect(try nanos("-5\(suffix)") == -5 * nanosPerUnit)
    }

    @Test func decimalExponents() throws {
        #expect(try q("1e3") == .units(1000))
        #expect(try q("1E3") == .units(1000))
        #expect(try q("1e-3") == .milli(1))
        #expect(try q("2.5e2") == .units(250))
        #expect(try q("1e0") == .units(1))
        // A bare E is the exa suffix, not an exponent.
        #expect(try q("1E") == .units(1_000_000_000_000_000_000))
    }

    @Test func fractions() throws {
        #expect(try q("0.5") == .milli(500))
        #expect(try q("1.5Gi").value == 1_610_612_736)
        #expect(try q("0.1") == .milli(100))
        #expect(try q(".5") == .milli(500))
        #expect(try q("0.5Ki") == .units(512))
        #expect(try q("2.25Mi").value == 2_359_296)
    }

    @Test func signsAndLeadingZeros() throws {
        #expect(try q("+1") == .units(1))
        #expect(try q("-1") == Quantity(nanos: -giga))
        #expect(try q("000000000000000000000000000000000000000000000001") == .units(1))
        #expect(try q("0") == .zero)
    }

    @Test func precisionFinerThanNanoRoundsUp() throws {
        #expect(try nanos("0.0000000001") == 1)
        #expect(try nanos("1.5n") == 2)
        #expect(try nanos("1.000000001") == giga + 1)
        #expect(try nanos("1.0000000001") == giga + 1)
        // 1e-10 Ki is 102.4 nanos.
        #expect(try nanos("0.0000000001Ki") == 103)
        #expect(try nanos("1e-12") == 1)
        // Far below a nano-unit, a binary quantity still rounds up instead of trapping.
        #expect(try nanos("0.00000000000000000000000000000000000000000000000001Ki") == 1)
        #expect(try nanos("0.00000000000000000000000000000000000000000000000000Ki") == 0)
        // Zeros past nano precision are no remainder.
        #expect(try nanos("1.0000000000000") == giga)
    }

    @Test func valueAndMilliValueRoundUp() throws {
        #expect(try q("1m").value == 1)
        #expect(try q("100n").milliValue == 1)
        #expect(try q("1500m").value == 2)
        #expect(try q("1500m").milliValue == 1500)
        #expect(try q("2").value == 2)
        #expect(try q("0").value == 0)
        #expect(try q("15214628Ki").value == 15_579_779_072)
        // The ceiling of a negative quantity is toward zero.
        #expect(try q("-1500m").value == -1)
    }

    @Test func valueClampsToInt64() throws {
        #expect(try q("1e25").value == Int64.max)
        #expect(try q("-1e25").value == Int64.min)
    }

    /// As `Quantity.String()` prints them: the format the value was written in is kept
    /// (a decimal 1024 stays 1024, 1000 becomes 1k, an exponent stays an exponent).
    @Test(arguments: [
        ("500m", "500m"), ("0.5", "500m"), ("1000m", "1"), ("1", "1"), ("0", "0"),
        ("1024", "1024"), ("1Ki", "1Ki"), ("1.5Gi", "1536Mi"), ("1000", "1k"),
        ("1e3", "1e3"), ("2Ei", "2Ei"), ("1u", "1u"), ("1500n", "1500n"), ("-250m", "-250m"),
        ("15214628Ki", "15214628Ki"), ("128974848", "128974848"), ("123Mi", "123Mi"), ("32Ti", "32Ti"),
    ])
    func canonicalDescription(text: String, expected: String) throws {
        #expect(try q(text).description == expected)
    }

    @Test func descriptionRoundTrips() throws {
        for text in ["3920m", "15214628Ki", "7Gi", "1.5", "123n", "2.5e2", "1e-3", "-3Mi"] {
            let parsed = try q(text)
            #expect(try q(parsed.description) == parsed, "\(text)")
        }
    }

    @Test func comparisonsAndSumsWithoutDrift() throws {
        var sum = Quantity.zero
        for _ in 0..<10 { sum = sum + (try q("100m")) }
        #expect(sum == .units(1))
        #expect(try q("0.1") + q("0.2") == q("0.3"))
        #expect(try q("1Gi") > q("1G"))
        #expect(try q("1000m") == q("1"))
        #expect(try q("999m") < q("1"))
        #expect(try q("1Ki") - q("24") == .units(1000))
        #expect(try [q("2"), q("500m"), q("1Ki")].max() == q("1Ki"))
        #expect(Quantity.milli(1500) == .units(1) + .milli(500))
    }

    /// What the API server refuses too. (`Gi`, `e3`, `+`, `-` and `.` parse there, as zero.)
    @Test(arguments: ["12x", "", "1.2.3", "--1", "1 Gi", "1e", "1Gib", "0x10", "1e3Ki", "12mi"])
    func badInputNamesTheValue(text: String) {
        let error = #expect(throws: QuantityError.self) { try Quantity(parsing: text) }
        #expect(error?.value == text)
        #expect(error?.description.hasPrefix("invalid quantity \"\(text)\": ") == true)
    }

    @Test func errorReasons() {
        #expect(throws: QuantityError(value: "", reason: "empty")) { try Quantity(parsing: "") }
        let error = #expect(throws: QuantityError.self) { try Quantity(parsing: "12mi") }
        #expect(error?.reason.contains("unknown suffix \"mi\"") == true)
        let shape = #expect(throws: QuantityError.self) { try Quantity(parsing: "12x") }
        #expect(shape?.reason.contains("not a number") == true)
    }

    /// Near the top of `Int128` the exact path for fractional binary quantities must
    /// saturate, not trap and not refuse: the API server accepts these (and caps them).
    @Test(arguments: [
        "1701411834604692317316873.03715884105729Ki",
        "9999999999999999999999999.99999999999999Ei",
        "99999999999999999999999999999.999999999999999999Ki",
    ])
    func hugeFractionalBinarySaturates(text: String) throws {
        #expect(try Quantity(parsing: text).nanos == Quantity.binaryLimit)
    }

    @Test func largestAcceptedMagnitude() throws {
        #expect(try q("1e26").nanos == Quantity.limit)
        #expect(try q("2e26").nanos == Quantity.limit)
        #expect(try q("1e27").nanos == Quantity.limit)
        #expect(try q("86000Pi").value > 0)
        #expect(try q("100000000Ei").nanos == Quantity.binaryLimit)
    }
}
