import Testing
import Fixtures
import KubeModel
import Simulation
import Admission

/// A zone lost at once is one event the planner searches: every node with the zone's
/// `topology.kubernetes.io/zone` fails, as in a cloud zone outage.
@Suite struct ZoneFailureTests {
    /// Two replicas kept apart by hostname anti-affinity land on a1 and a2 (zone-a); b1
    /// (zone-b) is full. Losing one node leaves a replica serving; losing zone-a empties the
    /// Service, one event away: a warning with that plan.
    func report(zones: (String, String, String)) throws -> Report {
        let docs = [
            Fixture.node("a1", labels: ["topology.kubernetes.io/zone": zones.0]),
            Fixture.node("a2", cpu: "6", labels: ["topology.kubernetes.io/zone": zones.1]),
            Fixture.node("b1", labels: ["topology.kubernetes.io/zone": zones.2]),
            Fixture.pod("filler", nodeName: "b1", cpu: "4"), Fixture.service(),
        ]
        return try analyzeApartReplicas(docs, depth: 1)
    }

    @Test func losingTheZoneEmptiesTheService() throws {
        let r = try report(zones: ("zone-a", "zone-a", "zone-b"))
        let outage = try #require(r.findings.first { $0.type == .serviceOutage }, "\(r.findings)")
        #expect(outage.plan.map(\.action) == ["ZoneFailure"])
        #expect(outage.plan.first?.target == "zone zone-a")
        #expect(outage.severity == .warn)
        #expect(r.verdict == .warn)
    }

    /// Each node in a zone of its own: a zone failure is a node failure, and one node's loss
    /// leaves a replica serving.
    @Test func oneNodeZonesAddNothing() throws {
        let r = try report(zones: ("zone-a", "zone-c", "zone-b"))
        #expect(!r.findings.contains { $0.type == .serviceOutage }, "\(r.findings)")
        #expect(!r.findings.flatMap(\.plan).contains { $0.action == "ZoneFailure" })
    }
}
