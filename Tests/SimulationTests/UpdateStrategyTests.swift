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

    static func daemonSet(image: String, strategy: String) -> String {
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
              - {name: agent, image: \(image), resources: {requests: {cpu: 10m, memory: 16Mi}}}
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

    @Test(arguments: [("{type: RollingUpdate}", 2), ("{type: OnDelete}", 0)])
    func daemonSet(_ strategy: String, _ count: Int) throws {
        let names = try updated(Self.daemonSet(image: "agent:1", strategy: strategy), Self.daemonSet(image: "agent:2", strategy: strategy), image: "agent:2")
        #expect(names.count == count)
    }
}
