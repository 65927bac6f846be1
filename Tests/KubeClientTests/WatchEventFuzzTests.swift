import Foundation
import Testing
@testable import KubeClient
import KubeModel

/// The watch-event decoder on mutations of real event lines: every line decodes to an event
/// or to `.malformed` with a reason, never a trap or a hang.
@Suite struct WatchEventFuzzTests {
    static let count = FuzzRandom.iterations(ci: 20_000, environment: ProcessInfo.processInfo.environment)
    static let lines: [(String, String)] = [
        ("Pod", #"{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-1","namespace":"default","resourceVersion":"12","labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7c","uid":"u","controller":true}]},"spec":{"nodeName":"n1","containers":[{"name":"app","image":"nginx","resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}]},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}}"#),
        ("Node", #"{"type":"MODIFIED","object":{"kind":"Node","apiVersion":"v1","metadata":{"name":"n1","resourceVersion":"13"},"status":{"allocatable":{"cpu":"4","memory":"16Gi","pods":"110"},"capacity":{"cpu":"4","memory":"16Gi","pods":"110"}}}}"#),
        ("Deployment", #"{"type":"DELETED","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"default","resourceVersion":"14"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx"}]}}}}}"#),
        ("Pod", #"{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"15"}}}"#),
        ("Pod", #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version","reason":"Expired","code":410}}"#),
    ]

    @Test func mutationsOfRealEventLines() {
        var rng = FuzzRandom(seed: 31)
        let interner = Interner()
        let started = ContinuousClock.now
        var malformed = 0
        var slowest = Duration.zero
        for i in 0..<Self.count {
            let (kind, line) = Self.lines[i % Self.lines.count]
            let input = rng.mutate(Array(line.utf8))
            let t = ContinuousClock.now
            if case .malformed(let reason) = WatchEvent.decode(input, kind: kind, interner: interner) {
                malformed += 1
                #expect(!reason.isEmpty)
            }
            slowest = max(slowest, t.duration(to: .now))
        }
        print("watch event fuzz: \(Self.count) lines, \(malformed) malformed, slowest \(slowest), total \(started.duration(to: .now))")
        #expect(slowest < .milliseconds(500))
    }

    @Test func theUnmutatedLinesDecode() {
        for (kind, line) in Self.lines {
            if case .malformed(let reason) = WatchEvent.decode(Array(line.utf8), kind: kind, interner: Interner()) {
                Issue.record("\(line): \(reason)")
            }
        }
    }
}
