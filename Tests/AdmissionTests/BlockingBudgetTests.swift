import Testing
import Fixtures
import KubeModel
import Simulation
import Admission

/// A disruption budget that allows no disruption blocks every drain: worth a warning when the
/// change makes a budget so, never a deny.
@Suite struct BlockingBudgetTests {
    static func pdb(_ rule: String) -> String {
        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: default}\nspec: {\(rule), selector: {matchLabels: {app: web}}}"
    }

    func blocking(_ cluster: [String], _ proposed: String) throws -> (Verdict, [Finding]) {
        let analyzer = Analyzer(cluster: Cluster(objects: try cluster.flatMap(Fixture.objects)))
        let report = analyzer.analyze(Change(operation: .create, object: try Fixture.objects(proposed)[0]))
        return (report.verdict, report.findings.filter { $0.message.contains("allows no disruption") })
    }

    @Test(arguments: [
        ("minAvailable: 3", true), ("minAvailable: 100%", true), ("maxUnavailable: 0", true),
        ("minAvailable: 2", false), ("maxUnavailable: 1", false), ("maxUnavailable: 25%", false),
    ])
    func budgetCreated(_ rule: String, _ blocks: Bool) throws {
        let (verdict, found) = try blocking([Fixture.node("a"), Fixture.node("b"), Fixture.deployment("web", replicas: 3)], Self.pdb(rule))
        #expect(found.count == (blocks ? 1 : 0))
        #expect(verdict == (blocks ? .warn : .allow))
        if let f = found.first {
            #expect(f.type == .availabilityLoss)
            #expect(f.object == ObjectRef(kind: "Deployment", namespace: "default", name: "web"))
        }
    }

    /// Scaling down to the budget's minimum makes it block; a budget that already blocked is
    /// not the change's doing.
    @Test func scaleDownToTheMinimum() throws {
        let cluster = [Fixture.node("a"), Fixture.node("b"), Fixture.deployment("web", replicas: 3), Self.pdb("minAvailable: 2")]
        #expect(try blocking(cluster, Fixture.deployment("web", replicas: 2)).1.count == 1)
        #expect(try blocking(cluster, Fixture.deployment("web", replicas: 4)).1.isEmpty)
        let already = [Fixture.node("a"), Fixture.deployment("web", replicas: 2), Self.pdb("minAvailable: 2")]
        #expect(try blocking(already, Fixture.deployment("web", replicas: 2, cpu: "200m")).1.isEmpty)
    }

    /// A budget that selects no pod blocks nothing.
    @Test func budgetWithoutPods() throws {
        #expect(try blocking([Fixture.node("a")], Self.pdb("minAvailable: 1")).1.isEmpty)
    }
}
