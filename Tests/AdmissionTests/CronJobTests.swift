import Testing
import Fixtures
import KubeModel
import Simulation
import Admission

/// A CronJob is judged as the Job its schedule makes, so that one whose jobs can never run is
/// found at admission, not at its first run.
@Suite struct CronJobTests {
    static func cronJob(cpu: String, image: String = "report:1") -> String {
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: default}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - {name: report, image: \(image), resources: {requests: {cpu: "\(cpu)", memory: 64Mi}}}
        """
    }

    func analyze(_ cluster: [String], _ proposed: String, _ op: Operation = .create) throws -> Report {
        let analyzer = Analyzer(cluster: Cluster(objects: try cluster.flatMap(Fixture.objects)))
        return analyzer.analyze(Change(operation: op, object: try Fixture.objects(proposed)[0]))
    }

    @Test func jobsThatFitNowhereAreDeniedOnTheCronJob() throws {
        let report = try analyze([Fixture.node("a", cpu: "2")], Self.cronJob(cpu: "3"))
        #expect(report.verdict == .deny)
        let f = try #require(report.findings.first { $0.type == .unschedulable })
        #expect(f.object == ObjectRef(kind: "CronJob", namespace: "default", name: "report"))
        #expect(f.message.contains("the Jobs of CronJob default/report"), "\(f.message)")
    }

    @Test func jobsThatFitAreAllowed() throws {
        #expect(try analyze([Fixture.node("a", cpu: "2")], Self.cronJob(cpu: "500m")).verdict == .allow)
    }

    /// The CronJob in the cluster runs nothing between schedules: it takes no room.
    @Test func existingCronJobTakesNoRoom() throws {
        let report = try analyze([Fixture.node("a", cpu: "2"), Self.cronJob(cpu: "1500m")],
                                 Fixture.deployment("web", cpu: "1500m"))
        #expect(report.verdict == .allow, "\(report.findings.map(\.message))")
    }

    /// An UPDATE that leaves a problem the old template had is not the change's fault.
    @Test func updateKeepingAnOldProblemIsAllowed() throws {
        let old = Self.cronJob(cpu: "3")
        let report = try analyze([Fixture.node("a", cpu: "2"), old], Self.cronJob(cpu: "3", image: "report:2"), .update)
        #expect(report.verdict == .allow, "\(report.findings.map(\.message))")
        let worse = try analyze([Fixture.node("a", cpu: "2"), Self.cronJob(cpu: "1")], Self.cronJob(cpu: "3"), .update)
        #expect(worse.verdict == .deny)
    }

    @Test func deleteIsAllowed() throws {
        let cron = Self.cronJob(cpu: "3")
        let analyzer = Analyzer(cluster: Cluster(objects: try [Fixture.node("a"), cron].flatMap(Fixture.objects)))
        #expect(analyzer.analyze(Change(operation: .delete, object: nil, oldObject: try Fixture.objects(cron)[0])).verdict == .allow)
    }
}
