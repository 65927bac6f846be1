import Foundation
import Testing
import ClusterState
import KubeModel

/// The snapshot reader (YAML and JSON manifests) on mutations of a small real snapshot:
/// every input is read or refused with a `SnapshotError`, never a trap or a hang.
@Suite struct SnapshotFuzzTests {
    static let count = FuzzRandom.iterations(ci: 3_000, environment: ProcessInfo.processInfo.environment)
    static let yaml = """
    apiVersion: v1
    kind: Node
    metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
    status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: default}
    spec:
      replicas: 3
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
          - {name: app, image: nginx, resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 1e400}}}
    """
    static let json = #"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{"nodeName":"n1","containers":[{"name":"a","image":"x","resources":{"requests":{"cpu":"1","memory":"999999999999Ei"}}}]}}]}"#

    @Test func mutationsOfASnapshot() {
        var rng = FuzzRandom(seed: 41)
        let started = ContinuousClock.now
        var read = 0, refused = 0
        var slowest = Duration.zero
        for i in 0..<Self.count {
            let (text, source) = i % 2 == 0 ? (Self.yaml, "fuzz.yaml") : (Self.json, "fuzz.json")
            let input = String(decoding: rng.mutate(Array(text.utf8)), as: UTF8.self)
            let t = ContinuousClock.now
            do { _ = try Snapshot.parse(text: input, source: source); read += 1 } catch {
                refused += 1
                #expect(!"\(error)".isEmpty)
            }
            slowest = max(slowest, t.duration(to: .now))
        }
        print("snapshot fuzz: \(Self.count) inputs, \(read) read, \(refused) refused, slowest \(slowest), total \(started.duration(to: .now))")
        #expect(slowest < .seconds(1))
    }
}
