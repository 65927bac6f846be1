import Testing
import Yams
@testable import KubeModel

@Suite struct IntOrStringTests {
    @Test func scaledPercentRoundsAsAsked() {
        #expect(IntOrString.string("25%").scaled(total: 3, roundUp: true) == 1)
        #expect(IntOrString.string("25%").scaled(total: 3, roundUp: false) == 0)
        #expect(IntOrString.string("25%").scaled(total: 4, roundUp: true) == 1)
        #expect(IntOrString.string("25%").scaled(total: 10, roundUp: true) == 3)
        #expect(IntOrString.string("25%").scaled(total: 10, roundUp: false) == 2)
        #expect(IntOrString.string("100%").scaled(total: 7, roundUp: false) == 7)
        #expect(IntOrString.string("0%").scaled(total: 7, roundUp: true) == 0)
    }

    @Test func scaledCountIgnoresTotal() {
        #expect(IntOrString.int(2).scaled(total: 10, roundUp: true) == 2)
        #expect(IntOrString.string("3").scaled(total: 10, roundUp: true) == 3)
        #expect(IntOrString.string("http").scaled(total: 10, roundUp: true) == nil)
        #expect(IntOrString.string("x%").scaled(total: 10, roundUp: true) == nil)
        #expect(IntOrString.string("9223372036854775807%").scaled(total: 10, roundUp: true) == nil)
        #expect(IntOrString.string("\(Int.max)").scaled(total: 10, roundUp: true) == Int.max)
    }

    @Test func decodesIntOrString() throws {
        #expect(try ManifestDecoder.decodeValue(IntOrString.self, from: "8080") == .int(8080))
        #expect(try ManifestDecoder.decodeValue(IntOrString.self, from: "http") == .string("http"))
        #expect(try ManifestDecoder.decodeValue(IntOrString.self, from: "25%") == .string("25%"))
        // A quoted number stays a string, as intstr keeps it.
        #expect(try ManifestDecoder.decodeValue(IntOrString.self, from: "\"8080\"") == .string("8080"))
        #expect(IntOrString.string("25%").description == "25%")
        #expect(IntOrString.int(1).description == "1")
    }
}
