import Testing
import Fixtures
import KubeModel
import ClusterState
@testable import Simulation

/// The same objects give the same simulation, whatever their order.
@Suite struct DeterminismTests {
    func objects() throws -> [KubeObject] {
        // 6 nodes in 3 zones with running pods, plus workloads with no pods yet, which the
        // scheduler must place.
        var out = SyntheticCluster.objects(nodes: 6, podsPerNode: 5)
        out.append(SyntheticCluster.proposal(name: "checkout"))
        out += try Fixture.objects([
            Fixture.deployment("spread", replicas: 7, namespace: "apps", cpu: "300m"),
            WorkloadControllerTests.statefulSet("db", replicas: 3, cpu: "500m").replacingOccurrences(of: "namespace: default", with: "namespace: apps"),
        ].joined(separator: "\n---\n"))
        return out
    }

    func assignment(_ objects: [KubeObject]) -> [String: String?] {
        var s = SimState(Cluster(objects: objects))
        s.settle()
        return s.assignment
    }

    @Test func sameObjectsSameAssignment() throws {
        let objects = try objects()
        let first = assignment(objects)
        let second = assignment(objects)
        #expect(first == second)
        // The new pods were actually placed: 3 + 7 + 3 more than the synthetic 30.
        #expect(first.count == 30 + 13)
        #expect(first.values.allSatisfy { $0 != nil })
    }

    @Test func objectOrderDoesNotMatter() throws {
        let objects = try objects()
        var rng = SplitMix(seed: 42)
        let shuffled = objects.shuffled(using: &rng)
        #expect(assignment(objects) == assignment(shuffled))
        #expect(assignment(objects) == assignment(objects.reversed()))
    }
}

/// A fixed-seed generator so the shuffle is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
