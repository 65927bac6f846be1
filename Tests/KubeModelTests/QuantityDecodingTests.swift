import Foundation
import Testing
import Yams
@testable import KubeModel

private struct Resources: Decodable { var cpu: Quantity }

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
        #expect(try YAMLDecoder().decode(Resources.self, from: yaml).cpu == expected)
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
        #expect(try JSONDecoder().decode(Resources.self, from: Data(json.utf8)).cpu == expected)
    }

    @Test func badValueNamesIt() {
        let error = #expect(throws: DecodingError.self) {
            try YAMLDecoder().decode(Resources.self, from: "cpu: 12x")
        }
        #expect(error.map { "\($0)" }?.contains("invalid quantity \"12x\"") == true)
    }

    @Test func notAScalar() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Resources.self, from: Data(#"{"cpu": [1]}"#.utf8))
        }
    }

    @Test func encodesCanonicalString() throws {
        struct Box: Codable { var q: Quantity }
        let data = try JSONEncoder().encode(Box(q: .milli(1500)))
        #expect(String(decoding: data, as: UTF8.self) == #"{"q":"1500m"}"#)
        #expect(try JSONDecoder().decode(Box.self, from: data).q == .milli(1500))
    }
}
