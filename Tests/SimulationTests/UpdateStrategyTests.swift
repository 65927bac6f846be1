import Testing
import Fixtures
import KubeModel
import Simulation

/// What a template change replaces, by update strategy
/// (`pkg/controller/statefulset/stateful_set_control.go`, `pkg/controller/daemon/update.go`).
@Suite struct UpdateStrategyTests {
    static func statefulSet(image: String, strategy: String) -> String {
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: default}
        spec:
          replicas: 4
          serviceName: db
          selector: {matchLabels: {app: db}}
          updateStrategy: \(strategy)
          template:
            metadata: {labels: {app: db}}
            spec:
              containers:
              - {name: db, image: \(image), resources: {requests: {cpu: 100m, memory: 64Mi}}}
        """
    }

    static func daemonSet(image: String, strategy: String, cpu: String = "10m") -> String {
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: default}
        spec:
          selector: {matchLabels: {app: agent}}
          updateStrategy: \(strategy)
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers:
              - {name: agent, image: \(image), resources: {requests: {cpu: \(cpu), memory: 16Mi}}}
        """
    }

    /// Ordinals of the pods that run `image` once the change settled.
    func updated(_ old: String, _ new: String, image: String) throws -> [String] {
        var state = try Fixture.settled(Fixture.node("a"), Fixture.node("b"), old)
        state.markSettled()
        #expect(state.apply(Change(operation: .update, object: try Fixture.objects(new)[0])))
        state.settle()
        return state.livePodIndices.filter { state.pods[$0].shape.spec.containers[0].image == image }.map { state.name(of: $0) }.sorted()
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var strategy: String
        var updated: [String]
        var testDescription: String { strategy }
    }

    @Test(arguments: [
        Case(strategy: "{type: RollingUpdate}", updated: ["db-0", "db-1", "db-2", "db-3"]),
        Case(strategy: "{type: RollingUpdate, rollingUpdate: {partition: 2}}", updated: ["db-2", "db-3"]),
        Case(strategy: "{type: RollingUpdate, rollingUpdate: {partition: 4}}", updated: []),
        Case(strategy: "{type: OnDelete}", updated: []),
    ])
    func statefulSet(_ c: Case) throws {
        let names = try updated(Self.statefulSet(image: "db:1", strategy: c.strategy), Self.statefulSet(image: "db:2", strategy: c.strategy), image: "db:2")
        #expect(names == c.updated)
    }

    @Test(arguments: [("{type: RollingUpdate}", 2), ("{type: OnDelete}", 0), ("{type: RollingUpdate, rollingUpdate: {maxUnavailable: 100%}}", 2),
                      ("{type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}", 2)])
    func daemonSet(_ strategy: String, _ count: Int) throws {
        let names = try updated(Self.daemonSet(image: "agent:1", strategy: strategy), Self.daemonSet(image: "agent:2", strategy: strategy), image: "agent:2")
        #expect(names.count == count)
    }

    /// maxSurge starts the new pod beside the old one: on a node without room for both it waits
    /// Pending, the old one keeps running, and the rollout goes no further; maxUnavailable makes
    /// room first.
    @Test(arguments: [("{type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}", false),
                      ("{type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}", true)])
    func daemonSetSurgeNeedsRoom(_ strategy: String, _ rolls: Bool) throws {
        var state = try Fixture.settled(Fixture.node("a", cpu: "4"), Self.daemonSet(image: "agent:1", strategy: strategy, cpu: "3"))
        state.markSettled()
        #expect(state.apply(Change(operation: .update, object: try Fixture.objects(Self.daemonSet(image: "agent:2", strategy: strategy, cpu: "3"))[0])))
        state.settle()
        let pods = state.livePodIndices.map { state.pods[$0] }
        let running = pods.filter(\.isScheduled).map { $0.shape.spec.containers[0].image }
        #expect(running == [rolls ? "agent:2" : "agent:1"])
        #expect(pods.count == (rolls ? 1 : 2))
    }
}
