import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// After upstream's `TestForgivenessAdmission` (`plugin/pkg/admission/defaulttolerationseconds/
/// admission_test.go`): both NoExecute tolerations for 300 s unless the pod already tolerates
/// the taint, by its key or an empty one, with NoExecute or an empty effect.
@Suite struct DefaultTolerationSecondsTests {
    static let notReady = Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300)
    static let unreachable = Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300)

    @Test(arguments: [
        ([], [notReady, unreachable]),
        ([Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 30)],
         [Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 30), notReady]),
        ([Toleration(operator: "Exists")], [Toleration(operator: "Exists")]),
        ([Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists")], [Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists"), unreachable]),
        ([Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoSchedule")],
         [Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoSchedule"), notReady, unreachable]),
    ] as [([Toleration], [Toleration])])
    func tolerations(_ given: [Toleration], _ want: [Toleration]) throws {
        var spec = try #require({ () throws -> PodSpec? in
            if case .pod(let p)? = try Fixture.objects(Fixture.pod("p")).first { return p.spec }
            return nil
        }())
        spec.tolerations = given.isEmpty ? nil : given
        #expect(DefaultTolerationSeconds.apply(spec).tolerations == want)
    }

    /// The pods controllers make carry them, as pods from a live cluster do.
    @Test func controllerPodsCarryThem() throws {
        let s = try Fixture.settled(Fixture.node("a"), Fixture.deployment("web"))
        let w = try #require(s.workloadIndex[ObjectRef(kind: "Deployment", namespace: "default", name: "web")])
        let tolerations = s.pods(of: w).first?.shape.spec.tolerations ?? []
        #expect(tolerations.contains(Self.unreachable) && tolerations.contains(Self.notReady))
    }
}
