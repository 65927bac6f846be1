import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// The RuntimeClass plugin as pods meet it, after upstream's `TestSetOverhead`,
/// `TestSetScheduling` and `TestValidate` (`plugin/pkg/admission/runtimeclass/admission_test.go`).
@Suite struct RuntimeClassTests {
    static let gvisor = """
        apiVersion: node.k8s.io/v1
        kind: RuntimeClass
        metadata: {name: gvisor}
        handler: runsc
        overhead: {podFixed: {cpu: 250m, memory: 120Mi}}
        scheduling:
          nodeSelector: {sandbox: gvisor}
          tolerations: [{key: sandbox, operator: Exists, effect: NoSchedule}]
        """

    func refusals(_ s: SimState) -> [String] {
        s.events.compactMap { if case .rejected(_, let r) = $0 { r.message } else { nil } }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var spec: String
        var refusal: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "known class", spec: "runtimeClassName: gvisor"),
        Case(name: "unknown class", spec: "runtimeClassName: kata", refusal: "pod rejected: RuntimeClass \"kata\" not found"),
        Case(name: "node selector that agrees", spec: "runtimeClassName: gvisor\nnodeSelector: {sandbox: gvisor, disk: ssd}"),
        Case(name: "node selector that conflicts", spec: "runtimeClassName: gvisor\nnodeSelector: {sandbox: none}",
             refusal: "conflict: runtimeClass.scheduling.nodeSelector[sandbox] = gvisor; pod.spec.nodeSelector[sandbox] = none"),
        Case(name: "own overhead that differs", spec: "runtimeClassName: gvisor\noverhead: {cpu: 1}",
             refusal: "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead"),
        Case(name: "overhead without a class", spec: "overhead: {cpu: 1}",
             refusal: "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead"),
    ]

    @Test(arguments: cases) func admission(_ c: Case) throws {
        let nodes = Fixture.node("a", labels: ["sandbox": "gvisor", "disk": "ssd"], taints: "- {key: sandbox, value: only, effect: NoSchedule}")
        let s = try Fixture.settled(nodes, Self.gvisor, Fixture.deployment("web", spec: c.spec))
        let w = try #require(s.workloadIndex[ObjectRef(kind: "Deployment", namespace: "default", name: "web")])
        #expect(refusals(s) == (c.refusal.map { [$0] } ?? []))
        // Admitted pods carry the class's overhead, selector and toleration, and so run on the sandbox node.
        #expect(s.pods(of: w).filter(\.isScheduled).count == (c.refusal == nil ? 1 : 0))
    }

    /// The overhead is charged to the node and to quota: `PodUsageFunc` adds `pod.Spec.Overhead`
    /// to requests and limits in current Kubernetes (`pkg/quota/v1/evaluator/core/pods.go`);
    /// v1.20's leaves it out, so the differential harness draws no overhead beside such a quota.
    @Test func overheadIsChargedToNodeAndQuota() throws {
        let quota = "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: default}\nspec: {hard: {requests.cpu: 600m}}"
        let s = try Fixture.settled(Fixture.node("a", labels: ["sandbox": "gvisor"], taints: "- {key: sandbox, value: only, effect: NoSchedule}"), Self.gvisor, quota,
                                    Fixture.deployment("web", replicas: 2, cpu: "100m", spec: "runtimeClassName: gvisor"))
        #expect(s.nodes[0].requested.milliCPU == 350)
        #expect(refusals(s) == ["exceeded quota: q, requested: requests.cpu=350m, used: requests.cpu=350m, limited: requests.cpu=600m"])
    }

    @Test func mergeKeepsTheWiderToleration() {
        let wide = Toleration(key: "sandbox", operator: "Exists", effect: "NoSchedule")
        let narrow = Toleration(key: "sandbox", operator: "Equal", value: "only", effect: "NoSchedule")
        #expect(RuntimeClassAdmission.merge([narrow], [wide]) == [wide])
        #expect(RuntimeClassAdmission.merge([wide], [narrow]) == [wide])
        let other = Toleration(key: "gpu", operator: "Exists")
        #expect(RuntimeClassAdmission.merge([other], [wide]) == [other, wide])
    }
}
