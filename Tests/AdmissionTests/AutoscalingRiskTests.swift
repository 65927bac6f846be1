import Testing
import Fixtures
import KubeModel
import Simulation
import Admission

/// A Deployment that fits at today's replicas but not at its HorizontalPodAutoscaler's
/// maxReplicas is a warn, with the plan "HPAScale".
@Suite struct AutoscalingRiskTests {
    static func hpa(max: Int) -> String {
        """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web, namespace: default}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 2
          maxReplicas: \(max)
        """
    }

    func report(max: Int) throws -> Report {
        let cluster = Cluster(objects: try [Fixture.node("a", cpu: "4"), Self.hpa(max: max)].flatMap(Fixture.objects))
        let web = try Fixture.objects(Fixture.deployment("web", replicas: 2, cpu: "1"))[0]
        return Analyzer(cluster: cluster).analyze(Change(operation: .create, object: web))
    }

    @Test func maxReplicasThatDoNotFitWarn() throws {
        let r = try report(max: 6)
        let f = try #require(r.findings.first { $0.type == .unschedulable }, "\(r.findings)")
        #expect(f.severity == .warn)
        #expect(f.message.contains("2 of 6 pods"), "\(f.message)")
        #expect(f.plan.first?.action == "HPAScale")
        #expect(r.verdict == .warn)
    }

    @Test func maxReplicasThatFitAllow() throws {
        let r = try report(max: 4)
        #expect(!r.findings.contains { $0.type == .unschedulable }, "\(r.findings)")
        #expect(r.verdict == .allow)
    }
}
