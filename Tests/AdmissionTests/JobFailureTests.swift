import Testing
import Fixtures
import KubeModel
import Simulation
import Admission

/// A Job whose pods fail does not restart for ever: after backoffLimit failures it is Failed.
@Suite struct JobFailureTests {
    static func job(backoffLimit: String = "") -> String {
        """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate, namespace: default}
        spec:
          \(backoffLimit.isEmpty ? "" : "backoffLimit: \(backoffLimit)")
          template:
            metadata:
              annotations: {premortem.io/memory-working-set: 1Gi}
            spec:
              restartPolicy: Never
              containers:
              - {name: migrate, image: migrate:1, resources: {requests: {memory: 256Mi}, limits: {memory: 256Mi}}}
        """
    }

    @Test(arguments: [("", 6), ("2", 2)])
    func failingJobEndsFailed(_ limit: String, _ expected: Int) throws {
        let analyzer = Analyzer(cluster: Cluster(objects: try Fixture.objects(Fixture.node("a"))))
        let report = analyzer.analyze(Change(operation: .create, object: try Fixture.objects(Self.job(backoffLimit: limit))[0]))
        #expect(report.verdict == .deny)
        let f = try #require(report.findings.first { $0.message.contains("BackoffLimitExceeded") }, "\(report.findings.map(\.message))")
        #expect(f.type == .rolloutStuck)
        #expect(f.message.contains("backoffLimit \(expected)"))
    }
}
