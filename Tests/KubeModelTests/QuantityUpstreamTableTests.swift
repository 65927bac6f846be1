import Testing
@testable import KubeModel

/// The tables of `k8s.io/apimachinery/pkg/api/resource/quantity_test.go` (Kubernetes
/// v1.20), ported row for row: what the API server reads a quantity as, how it prints it,
/// and what it refuses. Each test names the Go test it ports.
@Suite struct QuantityUpstreamTableTests {
    typealias F = Quantity.Format

    /// `decQuantity(m, e, format)`: m x 10^e units.
    static func dec(_ m: Int128, _ e: Int, _ f: F) -> Quantity {
        let p = e + 9
        let nanos = p >= 0 ? m * Int128(10).power(p) : m / Int128(10).power(-p)
        return Quantity(nanos: nanos, format: f)
    }

    static let maxAllowed = Quantity(nanos: Quantity.binaryLimit, format: .binarySI)

    /// TestQuantityParse's table: input, value, format.
    static let parseTable: [(String, Quantity)] = [
        ("0", dec(0, 0, .decimalSI)), ("0n", dec(0, 0, .decimalSI)), ("0u", dec(0, 0, .decimalSI)),
        ("0m", dec(0, 0, .decimalSI)), ("0Ki", dec(0, 0, .binarySI)), ("0k", dec(0, 0, .decimalSI)),
        ("0Mi", dec(0, 0, .binarySI)), ("0M", dec(0, 0, .decimalSI)), ("0Gi", dec(0, 0, .binarySI)),
        ("0G", dec(0, 0, .decimalSI)), ("0Ti", dec(0, 0, .binarySI)), ("0T", dec(0, 0, .decimalSI)),
        // Quantity less numbers are allowed
        ("1", dec(1, 0, .decimalSI)),
        // Binary suffixes
        ("1Ki", dec(1024, 0, .binarySI)), ("8Ki", dec(8 * 1024, 0, .binarySI)),
        ("7Mi", dec(7 * 1024 * 1024, 0, .binarySI)), ("6Gi", dec(6 * 1024 * 1024 * 1024, 0, .binarySI)),
        ("5Ti", dec(5 * (1 << 40), 0, .binarySI)), ("4Pi", dec(4 * (1 << 50), 0, .binarySI)),
        ("3Ei", dec(3 * (1 << 60), 0, .binarySI)),
        ("10Ti", dec(10 * (1 << 40), 0, .binarySI)), ("100Ti", dec(100 * (1 << 40), 0, .binarySI)),
        // Decimal suffixes
        ("5n", dec(5, -9, .decimalSI)), ("4u", dec(4, -6, .decimalSI)), ("3m", dec(3, -3, .decimalSI)),
        ("9", dec(9, 0, .decimalSI)), ("8k", dec(8, 3, .decimalSI)), ("50k", dec(5, 4, .decimalSI)),
        ("7M", dec(7, 6, .decimalSI)), ("6G", dec(6, 9, .decimalSI)), ("5T", dec(5, 12, .decimalSI)),
        ("40T", dec(4, 13, .decimalSI)), ("300T", dec(3, 14, .decimalSI)), ("2P", dec(2, 15, .decimalSI)),
        ("1E", dec(1, 18, .decimalSI)),
        // Decimal exponents
        ("1E-3", dec(1, -3, .decimalExponent)), ("1e3", dec(1, 3, .decimalExponent)),
        ("1E6", dec(1, 6, .decimalExponent)), ("1e9", dec(1, 9, .decimalExponent)),
        ("1E12", dec(1, 12, .decimalExponent)), ("1e15", dec(1, 15, .decimalExponent)),
        ("1E18", dec(1, 18, .decimalExponent)),
        // Nonstandard but still parsable
        ("1e14", dec(1, 14, .decimalExponent)), ("1e13", dec(1, 13, .decimalExponent)),
        ("1e3", dec(1, 3, .decimalExponent)), ("100.035k", dec(100035, 0, .decimalSI)),
        // Things that look like floating point
        ("0.001", dec(1, -3, .decimalSI)), ("0.0005k", dec(5, -1, .decimalSI)), ("0.005", dec(5, -3, .decimalSI)),
        ("0.05", dec(5, -2, .decimalSI)), ("0.5", dec(5, -1, .decimalSI)), ("0.00050k", dec(5, -1, .decimalSI)),
        ("0.00500", dec(5, -3, .decimalSI)), ("0.05000", dec(5, -2, .decimalSI)), ("0.50000", dec(5, -1, .decimalSI)),
        ("0.5e0", dec(5, -1, .decimalExponent)), ("0.5e-1", dec(5, -2, .decimalExponent)),
        ("0.5e-2", dec(5, -3, .decimalExponent)), ("0.5e0", dec(5, -1, .decimalExponent)),
        ("10.035M", dec(10035, 3, .decimalSI)),
        ("1.2e3", dec(12, 2, .decimalExponent)), ("1.3E+6", dec(13, 5, .decimalExponent)),
        ("1.40e9", dec(14, 8, .decimalExponent)), ("1.53E12", dec(153, 10, .decimalExponent)),
        ("1.6e15", dec(16, 14, .decimalExponent)), ("1.7E18", dec(17, 17, .decimalExponent)),
        ("9.01", dec(901, -2, .decimalSI)), ("8.1k", dec(81, 2, .decimalSI)), ("7.123456M", dec(7123456, 0, .decimalSI)),
        ("6.987654321G", dec(6987654321, 0, .decimalSI)), ("5.444T", dec(5444, 9, .decimalSI)),
        ("40.1T", dec(401, 11, .decimalSI)), ("300.2T", dec(3002, 11, .decimalSI)), ("2.5P", dec(25, 14, .decimalSI)),
        ("1.01E", dec(101, 16, .decimalSI)),
        // Things that saturate/round
        ("3.001n", dec(4, -9, .decimalSI)), ("1.1E-9", dec(2, -9, .decimalExponent)),
        ("0.0000000001", dec(1, -9, .decimalSI)), ("0.0000000005", dec(1, -9, .decimalSI)),
        ("0.00000000050", dec(1, -9, .decimalSI)), ("0.5e-9", dec(1, -9, .decimalExponent)),
        ("0.9n", dec(1, -9, .decimalSI)), ("0.00000012345", dec(124, -9, .decimalSI)),
        ("0.00000012354", dec(124, -9, .decimalSI)),
        ("9Ei", maxAllowed), ("9223372036854775807Ki", maxAllowed),
        ("12E", dec(12, 18, .decimalSI)),
        // We'll accept fractional binary stuff, too.
        ("100.035Ki", dec(10243584, -2, .binarySI)), ("0.5Mi", dec(512 * 1024, 0, .binarySI)),
        ("0.05Gi", dec(536870912, -1, .binarySI)), ("0.025Ti", dec(274877906944, -1, .binarySI)),
        // Things written by trolls
        ("0.000000000001Ki", dec(2, -9, .decimalSI)), // rounds up, changes format
        (".001", dec(1, -3, .decimalSI)), (".0001k", dec(100, -3, .decimalSI)), ("1.", dec(1, 0, .decimalSI)),
        ("1.G", dec(1, 9, .decimalSI)),
    ]

    /// TestQuantityParse: the value and format of each row, and of its `-` and `+` versions.
    @Test(arguments: parseTable)
    func testQuantityParse(input: String, expect: Quantity) throws {
        let got = try Quantity(parsing: input)
        #expect(got == expect, "\(input): got \(got)")
        #expect(got.format == expect.format, "\(input): format \(got.format)")
        let negative = try Quantity(parsing: "-" + input)
        #expect(negative.nanos == -expect.nanos)
        #expect(negative.format == expect.format)
        let plus = try Quantity(parsing: "+" + input)
        #expect(plus == expect && plus.format == expect.format)
    }

    /// TestQuantityParse's `invalid` list.
    @Test(arguments: ["1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1", "1 "])
    func testQuantityParseInvalid(input: String) {
        #expect(throws: QuantityError.self) { try Quantity(parsing: input) }
    }

    /// TestQuantityParseZero and TestParseQuantityString's odd rows that still parse.
    @Test(arguments: ["0", ".", "-.", "1E-3", "0.025Ti", "-1.025Ti"])
    func testParseQuantityString(input: String) throws {
        _ = try Quantity(parsing: input)
        #expect(try Quantity(parsing: "0") == .zero)
        #expect(try Quantity(parsing: ".") == .zero)
    }

    /// TestQuantityString: (quantity, canonical string, an alternate spelling that prints the same).
    static let stringTable: [(Quantity, String, String)] = [
        (dec(1024 * 1024 * 1024, 0, .binarySI), "1Gi", "1024Mi"),
        (dec(300 * 1024 * 1024, 0, .binarySI), "300Mi", "307200Ki"),
        (dec(6 * 1024, 0, .binarySI), "6Ki", ""),
        (dec(1001 * 1024 * 1024 * 1024, 0, .binarySI), "1001Gi", "1025024Mi"),
        (dec(1024 * 1024 * 1024 * 1024, 0, .binarySI), "1Ti", "1024Gi"),
        (dec(5, 0, .binarySI), "5", "5000m"),
        (dec(500, -3, .binarySI), "500m", "0.5"),
        (dec(1, 9, .decimalSI), "1G", "1000M"),
        (dec(1000, 6, .decimalSI), "1G", "0.001T"),
        (dec(1000000, 3, .decimalSI), "1G", ""),
        (dec(1000000000, 0, .decimalSI), "1G", ""),
        (dec(1, -3, .decimalSI), "1m", "1000u"),
        (dec(80, -3, .decimalSI), "80m", ""),
        (dec(1080, -3, .decimalSI), "1080m", "1.08"),
        (dec(108, -2, .decimalSI), "1080m", "1080000000n"),
        (dec(10800, -4, .decimalSI), "1080m", ""),
        (dec(300, 6, .decimalSI), "300M", ""),
        (dec(1, 12, .decimalSI), "1T", ""),
        (dec(1234567, 6, .decimalSI), "1234567M", ""),
        (dec(1234567, -3, .binarySI), "1234567m", ""),
        (dec(3, 3, .decimalSI), "3k", ""),
        (dec(1025, 0, .binarySI), "1025", ""),
        (dec(0, 0, .decimalSI), "0", ""),
        (dec(0, 0, .binarySI), "0", ""),
        (dec(1, 9, .decimalExponent), "1e9", ".001e12"),
        (dec(1, -3, .decimalExponent), "1e-3", "0.001e0"),
        (dec(1, -9, .decimalExponent), "1e-9", "1000e-12"),
        (dec(80, -3, .decimalExponent), "80e-3", ""),
        (dec(300, 6, .decimalExponent), "300e6", ""),
        (dec(1, 12, .decimalExponent), "1e12", ""),
        (dec(1, 3, .decimalExponent), "1e3", ""),
        (dec(3, 3, .decimalExponent), "3e3", ""),
        (dec(3, 3, .decimalSI), "3k", ""),
        (dec(0, 0, .decimalExponent), "0", "00"),
        (dec(1, -9, .decimalSI), "1n", ""),
        (dec(80, -9, .decimalSI), "80n", ""),
        (dec(1080, -9, .decimalSI), "1080n", ""),
        (dec(108, -8, .decimalSI), "1080n", ""),
        (dec(10800, -10, .decimalSI), "1080n", ""),
        (dec(1, -6, .decimalSI), "1u", ""),
        (dec(80, -6, .decimalSI), "80u", ""),
        (dec(1080, -6, .decimalSI), "1080u", ""),
    ]

    @Test(arguments: stringTable)
    func testQuantityString(q: Quantity, expect: String, alternate: String) throws {
        #expect(q.description == expect)
        #expect(try Quantity(parsing: expect).description == expect)
        if !alternate.isEmpty { #expect(try Quantity(parsing: alternate).description == expect) }
        if q != .zero { #expect(Quantity(nanos: -q.nanos, format: q.format).description == "-" + expect) }
    }

    /// TestQuantityParseEmit.
    @Test(arguments: [("1Ki", "1Ki"), ("1Mi", "1Mi"), ("1Gi", "1Gi"), ("1024Mi", "1Gi"), ("1000M", "1G"),
                      (".001Ki", "1024m"), (".000001Ki", "1024u"), (".000000001Ki", "1024n"), (".000000000001Ki", "2n")])
    func testQuantityParseEmit(input: String, expect: String) throws {
        #expect(try Quantity(parsing: input).description == expect)
        #expect(try Quantity(parsing: "-" + input).description == "-" + expect)
    }

    /// Beyond the tables: binary quantities above 16Ti print in their own unit (the old
    /// formatter and the message formatter gave `16384Gi`), and what the API server accepts
    /// however large or small is parsed, saturated and rounded, never refused.
    @Test func largeBinaryAndSaturation() throws {
        #expect(try Quantity(parsing: "32Ti").description == "32Ti")
        #expect(try Quantity(parsing: "32768Gi").description == "32Ti")
        #expect(try Quantity(parsing: "1024Pi").description == "1Ei")
        #expect(try Quantity(parsing: "999999999999Ei") == Self.maxAllowed)
        #expect(try Quantity(parsing: "1e400").nanos == Quantity.limit)
        #expect(try Quantity(parsing: "-1e400").nanos == -Quantity.limit)
        #expect(try Quantity(parsing: "1e400").value == Int64.max)
        #expect(try Quantity(parsing: "1e-400").nanos == 1)
        #expect(try Quantity(parsing: "0e999999").nanos == 0)
        #expect(try Quantity(parsing: String(repeating: "9", count: 100_000)).nanos == Quantity.limit)
        #expect(try Quantity(parsing: "0." + String(repeating: "0", count: 100_000) + "1").nanos == 1)
        // strconv.ParseInt then int32(): Go keeps the exponent's low 32 bits.
        #expect(try Quantity(parsing: "1e4294967296") == .units(1))
        // Past int64 the exponent does not parse at all.
        #expect(throws: QuantityError.self) { try Quantity(parsing: "1e99999999999999999999") }
    }
}
