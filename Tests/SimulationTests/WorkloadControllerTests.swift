import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// StatefulSet, DaemonSet and Job controllers.
@Suite struct WorkloadControllerTests {
    static func statefulSet(_ name: String, replicas: Int, cpu: String, policy: String? = nil) -> String {
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: \(name), namespace: default}
        spec:
          replicas: \(replicas)
          serviceName: \(name)
        \(policy.map { "  podManagementPolicy: \($0)" } ?? "")
          selector: {matchLabels: {app: \(name)}}
          template:
            metadata: {labels: {app: \(name)}}
            spec:
        \(Fixture.indent(Fixture.podSpec(cpu: cpu), 6))
        """
    }

    static func daemonSet(_ name: String, spec: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: \(name), namespace: default}
        spec:
          selector: {matchLabels: {app: \(name)}}
          template:
            metadata: {labels: {app: \(name)}}
            spec:
        \(Fixture.indent(Fixture.podSpec(spec: spec), 6))
        """
    }

    static func job(_ name: String, parallelism: Int?, completions: Int?) -> String {
        """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: \(name), namespace: default}
        spec:
        \(parallelism.map { "  parallelism: \($0)" } ?? "")
        \(completions.map { "  completions: \($0)" } ?? "")
          template:
            metadata: {labels: {job: \(name)}}
            spec:
              restartPolicy: Never
        \(Fixture.indent(Fixture.podSpec(), 6))
        """
    }

    // MARK: StatefulSet

    @Test func orderedReadyStopsAtFirstUnschedulableOrdinal() throws {
        // Room for two 1-CPU pods: db-0 and db-1 run, db-2 is created and stays Pending,
        // db-3 is never created (it waits for db-2 to be Ready).
        let s = try Fixture.settled(Fixture.node("n1", cpu: "2"), Self.statefulSet("db", replicas: 4, cpu: "1"))
        let live = s.live("StatefulSet", "db")
        #expect(live.map { s.name(of: $0) }.sorted() == ["db-0", "db-1", "db-2"])
        let pending = live.filter { !s.pods[$0].isScheduled }.map { s.name(of: $0) }
        #expect(pending == ["db-2"])
    }

    @Test func orderedReadyCreatesInOrdinalOrder() throws {
        let s = try Fixture.settled(Fixture.node("n1", cpu: "8"), Self.statefulSet("db", replicas: 3, cpu: "1"))
        let live = s.live("StatefulSet", "db").sorted { s.pods[$0].sequence < s.pods[$1].sequence }
        #expect(live.map { s.pods[$0].ordinal } == [0, 1, 2])
        #expect(live.allSatisfy { s.pods[$0].isReady })
    }

    @Test func parallelCreatesAllOrdinalsAtOnce() throws {
        let s = try Fixture.settled(Fixture.node("n1", cpu: "2"), Self.statefulSet("db", replicas: 4, cpu: "1", policy: "Parallel"))
        let live = s.live("StatefulSet", "db")
        #expect(live.count == 4)
        #expect(live.filter { s.pods[$0].isScheduled }.count == 2)
    }

    // MARK: DaemonSet

    @Test func oneDaemonPodPerEligibleNode() throws {
        let s = try Fixture.settled(Fixture.node("a"), Fixture.node("b"), Fixture.node("c"), Self.daemonSet("agent"))
        let nodes = s.live("DaemonSet", "agent").compactMap { s.nodeName(ofPod: $0) }.sorted()
        #expect(nodes == ["a", "b", "c"])
        #expect(s.workload(ObjectRef(kind: "DaemonSet", namespace: "default", name: "agent"))?.replicas == 3)
    }

    @Test func daemonSetRespectsNodeSelectorAndTaints() throws {
        let s = try Fixture.settled(
            Fixture.node("worker", labels: ["role": "worker"]),
            Fixture.node("tainted", labels: ["role": "worker"], taints: "- {key: dedicated, value: gpu, effect: NoSchedule}"),
            Fixture.node("other"),
            Self.daemonSet("agent", spec: "nodeSelector: {role: worker}"))
        let nodes = s.live("DaemonSet", "agent").compactMap { s.nodeName(ofPod: $0) }
        #expect(nodes == ["worker"])
        #expect(s.live("DaemonSet", "agent").count == 1)
    }

    @Test func daemonSetTolerationReachesTaintedNode() throws {
        let s = try Fixture.settled(
            Fixture.node("worker"),
            Fixture.node("tainted", taints: "- {key: dedicated, value: gpu, effect: NoSchedule}"),
            Self.daemonSet("agent", spec: "tolerations:\n- {key: dedicated, operator: Exists}"))
        #expect(s.live("DaemonSet", "agent").compactMap { s.nodeName(ofPod: $0) }.sorted() == ["tainted", "worker"])
    }

    @Test func daemonSetPodRunsOnCordonedNode() throws {
        // The DaemonSet controller adds the node.kubernetes.io/unschedulable toleration to its
        // pods, so a cordoned node still gets (and keeps) its daemon pod.
        let s = try Fixture.settled(Fixture.node("open"), Fixture.node("cordoned", unschedulable: true), Self.daemonSet("agent"))
        #expect(s.workload(ObjectRef(kind: "DaemonSet", namespace: "default", name: "agent"))?.replicas == 2)
        #expect(s.live("DaemonSet", "agent").count == 2)
        #expect(s.live("DaemonSet", "agent").compactMap { s.nodeName(ofPod: $0) }.sorted() == ["cordoned", "open"])
    }

    // MARK: Job

    @Test func jobRunsParallelismPods() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Self.job("batch", parallelism: 3, completions: 10))
        #expect(s.live("Job", "batch").count == 3)
    }

    @Test func jobNeverRunsMoreThanCompletions() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Self.job("batch", parallelism: 5, completions: 2))
        #expect(s.live("Job", "batch").count == 2)
    }

    @Test func jobDefaultsToOnePod() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Self.job("batch", parallelism: nil, completions: nil))
        #expect(s.live("Job", "batch").count == 1)
    }
}
