import Dispatch
import Foundation
import Testing
@testable import KubeModel

/// One interner is shared by the reflectors of every kind, on their own threads.
@Suite struct InternerTests {
    static let pod = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"shop","labels":{"app":"web","pod-template-hash":"5d8f9c7b6d"}},"spec":{"containers":[{"name":"app","image":"registry.example/web:1.0","resources":{"requests":{"cpu":"100m"}},"readinessProbe":{"httpGet":{"path":"/ready","port":8080}}}]}}"#
    static let replicaSet = #"{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-5d8f9c7b6d","namespace":"shop"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web","pod-template-hash":"5d8f9c7b6d"}},"spec":{"containers":[{"name":"app","image":"registry.example/web:1.0","resources":{"requests":{"cpu":"100m"}},"readinessProbe":{"httpGet":{"path":"/ready","port":8080}}}]}}}}"#

    func decode(_ json: String, _ interner: Interner) throws -> KubeObject {
        var out: [KubeObject] = []
        try Array(json.utf8).withUnsafeBytes { raw in
            try ManifestDecoder.decode(raw, source: "test", interner: interner) { out.append($0) }
        }
        return try #require(out.first)
    }

    @Test func kindsDecodedOnManyThreadsShareOneSpec() throws {
        let interner = Interner()
        let identities = Mutexed<[ObjectIdentifier]>([])
        DispatchQueue.concurrentPerform(iterations: 64) { k in
            let object = try? decode(k % 2 == 0 ? Self.pod : Self.replicaSet, interner)
            let spec: PodSpec? = switch object {
            case .pod(let p): p.spec
            case .replicaSet(let rs): rs.spec.template?.spec
            default: nil
            }
            if let spec { identities.with { $0.append(spec.storageIdentity) } }
        }
        let all = identities.with { $0 }
        #expect(all.count == 64)
        #expect(Set(all).count == 1)
    }

    @Test func staleTablesAreDroppedAgainstWhatWasListed() throws {
        let interner = Interner()
        interner.listed("Pod", 1)
        for k in 0..<10_100 { _ = interner.string("a-string-longer-than-fifteen-\(k)") }
        #expect(interner.count == 10_100)
        interner.listed("Pod", 100)
        interner.dropIfStale()
        #expect(interner.count == 10_100, "within 4 x 100 listed + 10,000")
        interner.listed("Pod", 1)
        interner.dropIfStale()
        #expect(interner.count == 0)
    }
}

private final class Mutexed<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func with<R>(_ body: (inout T) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&value) }
}
