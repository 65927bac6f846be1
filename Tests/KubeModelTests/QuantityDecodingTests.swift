import Foundation
import Testing
import Yams
@testable import KubeModel

private struct Resources: JSONDecodable {
    var cpu: Quantity
    init(json r: inout JSONReader) throws(DecodeError) {
        cpu = .zero
        try r.beginObject()
        while let k = try r.nextKey() {
            if case "cpu" = k { cpu = try Quantity(json: &r) } else { try r.skipValue() }
        }
    }
}

private func decode(_ text: String) throws -> Resources { try ManifestDecoder.decodeValue(Resources.self, from: text) }

@Suite struct QuantityDecodingTests {
    @Test(arguments: [
        ("cpu: 1", Quantity.units(1)),
        ("cpu: 0.5", Quantity.milli(500)),
        ("cpu: \"250m\"", Quantity.milli(250)),
        ("cpu: 250m", Quantity.milli(250)),
        ("cpu: 1e3", Quantity.units(1000)),
        ("cpu: '2'", Quantity.units(2)),
        ("cpu: 1.5", Quantity.milli(1500)),
        ("cpu: \" 3 \"", Quantity.units(3)),
    ])
    func fromYAML(yaml: String, expected: Quantity) throws {
        #expect(try decode(yaml).cpu == expected)
    }

    @Test(arguments: [
        (#"{"cpu": 2}"#, Quantity.units(2)),
        (#"{"cpu": 0.25}"#, Quantity.milli(250)),
        (#"{"cpu": 1e3}"#, Quantity.units(1000)),
        (#"{"cpu": 1e-7}"#, Quantity(nanos: 100)),
        (#"{"cpu": 1e20}"#, Quantity(nanos: Int128(100_000_000_000_000_000_000) * 1_000_000_000)),
        (#"{"cpu": "100m"}"#, Quantity.milli(100)),
    ])
    func fromJSON(json: String, expected: Quantity) throws {
        #expect(try decode(json).cpu == expected)
    }

    @Test func badValueNamesIt() {
        let error = #expect(throws: ManifestError.self) {
            try decode("cpu: 12x")
        }
        #expect(error.map { "\($0)" }?.contains("invalid quantity \"12x\"") == true)
    }

    @Test func notAScalar() {
        #expect(throws: ManifestError.self) {
            try decode(#"{"cpu": [1]}"#)
        }
    }

    @Test func encodesCanonicalString() throws {
        struct Box: Encodable { var cpu: Quantity }
        let data = try JSONEncoder().encode(Box(cpu: .milli(1500)))
        #expect(String(decoding: data, as: UTF8.self) == #"{"cpu":"1500m"}"#)
        #expect(try decode(String(decoding: data, as: UTF8.self)).cpu == .milli(1500))
    }
}
