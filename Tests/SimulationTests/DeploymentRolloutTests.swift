import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// The deployment controller's rolling update and Recreate strategy, driven by UPDATEs applied
/// to a settled state.
@Suite struct DeploymentRolloutTests {
    /// A readiness probe on a port name the container does not declare: the pods never become Ready.
    static let brokenReadiness = """
        readinessProbe:
          httpGet: {path: /ready, port: metrics}
        """

    func start(replicas: Int = 4, strategy: String = "") throws -> SimState {
        try Fixture.settled(Fixture.node("n1", cpu: "16", memory: "32Gi"), Fixture.node("n2", cpu: "16", memory: "32Gi"),
                            Fixture.deployment("web", replicas: replicas, strategy: strategy))
    }

    func update(_ s: inout SimState, replicas: Int = 4, container: String = "", image: String? = nil, strategy: String = "") throws {
        var yaml = Fixture.deployment("web", replicas: replicas, container: container, strategy: strategy)
        if let image { yaml = yaml.replacingOccurrences(of: "registry.example.com/app:1", with: image) }
        let object = try #require(try Fixture.objects(yaml).first)
        let applied = s.apply(Change(operation: .update, object: object))
        #expect(applied)
        s.settle()
    }

    func counts(_ s: SimState) -> (old: Int, new: Int, ready: Int) {
        let live = s.live("Deployment", "web")
        return (live.filter { s.pods[$0].revision != 1 }.count, live.filter { s.pods[$0].revision == 1 }.count,
                live.filter { s.pods[$0].isReady }.count)
    }

    @Test func initialRolloutCreatesAllReplicas() throws {
        let s = try start()
        #expect(counts(s) == (0, 4, 4))
        let w = try #require(s.workload(ObjectRef(kind: "Deployment", namespace: "default", name: "web")))
        // 25% of 4: surge rounds up to 1, unavailable rounds down to 1.
        #expect(w.maxSurge == 1)
        #expect(w.maxUnavailable == 1)
    }

    @Test func neverReadyUpdateStallsAtSurgeAndUnavailable() throws {
        var s = try start()
        try update(&s, container: Self.brokenReadiness)
        // Old pods go down to replicas - maxUnavailable = 3; new pods up to maxSurge +
        // maxUnavailable = 2, which never become Ready.
        let c = counts(s)
        #expect(c.old == 3)
        #expect(c.new == 2)
        #expect(c.ready == 3)
    }

    @Test func neverReadyUpdateWithTenReplicas() throws {
        var s = try start(replicas: 10)
        try update(&s, replicas: 10, container: Self.brokenReadiness)
        // 25% of 10: surge ceil(2.5) = 3, unavailable floor(2.5) = 2: 8 old, 5 new.
        #expect(counts(s) == (8, 5, 8))
    }

    @Test func healthyUpdateReplacesAllPods() throws {
        var s = try start()
        try update(&s, image: "registry.example.com/app:2")
        #expect(counts(s) == (0, 4, 4))
        // The old pods are gone, not just relabelled: 4 new pods were made.
        #expect(s.live("Deployment", "web").allSatisfy { s.pods[$0].simulated })
        #expect(s.pods.filter { $0.terminal }.count == 4)
    }

    @Test func sameTemplateUpdateChangesNothing() throws {
        var s = try start()
        let before = s.assignment
        try update(&s)
        #expect(counts(s) == (0, 4, 4))
        #expect(s.assignment == before)
    }

    @Test func recreateRemovesAllOldPodsFirst() throws {
        let recreate = "type: Recreate"
        var s = try start(strategy: recreate)
        try update(&s, container: Self.brokenReadiness, strategy: recreate)
        // Recreate keeps nothing of the old revision, even when the new one never gets Ready.
        #expect(counts(s) == (0, 4, 0))
    }

    @Test func recreateHealthyUpdate() throws {
        let recreate = "type: Recreate"
        var s = try start(strategy: recreate)
        try update(&s, image: "registry.example.com/app:2", strategy: recreate)
        #expect(counts(s) == (0, 4, 4))
    }

    @Test func zeroSurgeAndZeroUnavailableActAsUnavailableOne() throws {
        let zero = "rollingUpdate: {maxSurge: 0, maxUnavailable: 0}"
        var s = try start(strategy: zero)
        let w = try #require(s.workload(ObjectRef(kind: "Deployment", namespace: "default", name: "web")))
        #expect(w.maxSurge == 0)
        #expect(w.maxUnavailable == 1)
        try update(&s, container: Self.brokenReadiness, strategy: zero)
        // One old pod may go, one new pod replaces it and never gets Ready.
        #expect(counts(s) == (3, 1, 3))
    }

    @Test func maxSurgeOnlyKeepsAllOldPods() throws {
        let surge = "rollingUpdate: {maxSurge: 2, maxUnavailable: 0}"
        var s = try start(strategy: surge)
        try update(&s, container: Self.brokenReadiness, strategy: surge)
        #expect(counts(s) == (4, 2, 4))
    }

    @Test func scaleDownRemovesPods() throws {
        var s = try start()
        try update(&s, replicas: 2)
        #expect(counts(s) == (0, 2, 2))
    }
}
