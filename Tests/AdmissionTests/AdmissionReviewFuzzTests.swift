import Foundation
import Testing
import Admission
import KubeModel

/// The AdmissionReview decoder on mutations of the real kube-apiserver fixtures and on
/// structurally hostile bodies: no trap, no hang, and every refusal a readable error.
/// CI tries 5,000 mutations of each fixture; PREMORTEM_FUZZ_ITERATIONS=N for a long run.
@Suite struct AdmissionReviewFuzzTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/fixtures/admission-review")
    static let count = FuzzRandom.iterations(ci: 5_000, environment: ProcessInfo.processInfo.environment)

    static var bodies: [[UInt8]] {
        get throws {
            try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".json") }.sorted()
                .map { Array(try Data(contentsOf: fixtures.appendingPathComponent($0))) }
        }
    }

    @Test func mutationsOfRealReviews() throws {
        let bodies = try Self.bodies
        #expect(bodies.count >= 8)
        var rng = FuzzRandom(seed: 21)
        let started = ContinuousClock.now
        var decoded = 0, refused = 0
        var slowest = Duration.zero
        for body in bodies {
            for _ in 0..<Self.count {
                let input = Data(rng.mutate(body))
                let t = ContinuousClock.now
                do {
                    _ = try AdmissionReviewRequest.decode(input)
                    decoded += 1
                } catch {
                    refused += 1
                    #expect(!error.description.isEmpty)
                }
                slowest = max(slowest, t.duration(to: .now))
            }
        }
        print("admission review fuzz: \(bodies.count * Self.count) inputs, \(decoded) decoded, \(refused) refused, slowest \(slowest), total \(started.duration(to: .now))")
        #expect(slowest < .seconds(1))
    }

    /// Depth, width and size that a hostile client can send: each is answered (decoded or
    /// refused) quickly, never by a stack overflow.
    @Test(arguments: ["nested-object", "nested-array", "wide-array", "huge-string", "truncated", "wrong-types", "non-utf8"])
    func hostileShapes(shape: String) throws {
        let base = String(decoding: try Data(contentsOf: Self.fixtures.appendingPathComponent("create.json")), as: UTF8.self)
        let body: String
        switch shape {
        case "nested-object":
            body = base.replacingOccurrences(of: "\"labels\":{", with: "\"deep\":" + String(repeating: "{\"a\":", count: 100_000) + "1"
                                             + String(repeating: "}", count: 100_000) + ",\"labels\":{")
        case "nested-array":
            body = base.replacingOccurrences(of: "\"labels\":{", with: "\"deep\":" + String(repeating: "[", count: 200_000)
                                             + String(repeating: "]", count: 200_000) + ",\"labels\":{")
        case "wide-array":
            body = base.replacingOccurrences(of: "\"labels\":{", with: "\"finalizers\":[" + Array(repeating: "\"x\"", count: 100_000).joined(separator: ",")
                                             + "],\"labels\":{")
        case "huge-string":
            body = base.replacingOccurrences(of: "\"labels\":{", with: "\"labels\":{\"big\":\"" + String(repeating: "x", count: 4 << 20) + "\",")
        case "truncated": body = String(base.prefix(base.count / 2))
        case "wrong-types":
            body = base.replacingOccurrences(of: "\"replicas\":1", with: "\"replicas\":\"one\"")
                .replacingOccurrences(of: "\"dryRun\":false", with: "\"dryRun\":\"yes\"")
        default: body = base
        }
        var bytes = Data(body.utf8)
        if shape == "non-utf8", let r = bytes.range(of: Data("deny-me".utf8)) { bytes.replaceSubrange(r, with: [0x64, 0xFF, 0xFE, 0xC0]) }
        let t = ContinuousClock.now
        do { _ = try AdmissionReviewRequest.decode(bytes) } catch { #expect(!error.description.isEmpty) }
        #expect(t.duration(to: .now) < .seconds(5), "\(shape) took \(t.duration(to: .now))")
    }
}
