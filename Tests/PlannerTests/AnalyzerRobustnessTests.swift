import Testing
import Fixtures
import KubeModel
import Simulation
import Admission

/// Analyzer answers on odd but valid clusters.
@Suite struct AnalyzerRobustnessTests {
    static let daemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: default}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
        \(Fixture.indent(Fixture.podSpec(), 6))
        """

    @Test func daemonSetOnClusterWithCordonedNodeIsAllowed() throws {
        // A cordoned node still runs daemon pods (the controller adds the unschedulable
        // toleration), so creating a healthy DaemonSet harms nothing.
        let cluster = Cluster(objects: try Fixture.objects([Fixture.node("open"), Fixture.node("cordoned", unschedulable: true)].joined(separator: "\n---\n")))
        let object = try #require(try Fixture.objects(Self.daemonSet).first)
        let report = Analyzer(cluster: cluster).analyze(Change(operation: .create, object: object))
        #expect(report.verdict == .allow, "\(report.findings.map(\.message))")
    }

    @Test func daemonSetOnPlainClusterIsAllowed() throws {
        let cluster = Cluster(objects: try Fixture.objects([Fixture.node("a"), Fixture.node("b")].joined(separator: "\n---\n")))
        let object = try #require(try Fixture.objects(Self.daemonSet).first)
        let report = Analyzer(cluster: cluster).analyze(Change(operation: .create, object: object))
        #expect(report.verdict == .allow, "\(report.findings.map(\.message))")
    }

    /// Regression: `SteadyStateHarms.nodePressure` used to add the pod's memory limit (from
    /// `PodRequests.memoryLimit`, `Quantity.value` clamped to Int64.max) to the requests of the
    /// other pods on the node without saturating: a memory limit of 1e19 next to any other pod
    /// traps. Run in a child process.
    @Test func hugeMemoryLimitBesideAnotherPodDoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            let yaml = [Fixture.node("n1"), Fixture.pod("other", nodeName: "n1")].joined(separator: "\n---\n")
            guard let objects = try? Fixture.objects(yaml),
                  let proposed = try? Fixture.objects(Fixture.deployment("web", resources: "requests: {cpu: 100m, memory: 128Mi}\nlimits: {memory: 1e19}")).first
            else { return }
            _ = Analyzer(cluster: Cluster(objects: objects)).analyze(Change(operation: .create, object: proposed))
        }
    }
}
