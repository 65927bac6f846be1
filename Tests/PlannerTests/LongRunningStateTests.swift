import Testing
import KubeModel
import Simulation
import Admission
import ClusterState

/// The server applies every admitted change to its state for as long as it runs: applying
/// the same object again and again must not make the state grow (a soak test once showed
/// 4.5 KiB more memory per request).
@Suite struct LongRunningStateTests {
    @Test func reapplyingTheSameObjectKeepsTheStateFlat() throws {
        let proposal = try #require(DemoCluster.proposals.first { $0.name == "catalog" })
        var analyzer = Analyzer(cluster: Cluster(objects: DemoCluster.objects))
        analyzer = analyzer.applying(Change(operation: .create, object: proposal.object))
        let pods = analyzer.baseline.pods.count
        let shapes = analyzer.baseline.shapesKept
        for _ in 0..<50 {
            analyzer = analyzer.applying(Change(operation: .update, object: proposal.object))
        }
        #expect(analyzer.baseline.pods.count == pods)
        #expect(analyzer.baseline.shapesKept == shapes)
    }

    @Test func manyDifferentChangesAreCompacted() throws {
        let proposal = try #require(DemoCluster.proposals.first { $0.name == "catalog" })
        guard case .deployment(var d) = proposal.object else { Issue.record("catalog is a Deployment"); return }
        var analyzer = Analyzer(cluster: Cluster(objects: DemoCluster.objects))
        // Each change is a new template (a new image): a rollout that leaves deleted pods behind.
        for i in 0..<400 {
            d.spec.template.spec.containers[0].image = "registry.example.com/shop/catalog:\(i)"
            analyzer = analyzer.applying(Change(operation: i == 0 ? .create : .update, object: .deployment(d)))
        }
        let live = analyzer.baseline.livePodIndices.count
        #expect(analyzer.baseline.pods.count <= 2 * live + 1_000 + 10)
        #expect(analyzer.baseline.pods(of: analyzer.baseline.workloadIndex[proposal.object.ref]!).count == 2)
    }
}
