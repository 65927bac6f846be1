import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `ValidateDeploymentSpec` beyond the pod template (`pkg/apis/apps/validation/validation.go`),
/// worded as the v1.20 API server answers.
@Suite struct DeploymentValidationTests {
    func refusal(strategy: String = "", spec: String = "") throws -> String? {
        var yaml = Fixture.deployment("web", strategy: strategy)
        if !spec.isEmpty { yaml = yaml.replacingOccurrences(of: "  replicas: 1", with: "  replicas: 1\n  \(spec)") }
        return ObjectAdmission.refusal(creating: try Fixture.objects(yaml)[0], in: Cluster(objects: []), quotas: [])
    }

    @Test(arguments: [
        ("rollingUpdate: {maxSurge: 0, maxUnavailable: 0}",
         "Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"),
        ("rollingUpdate: {maxSurge: 0%, maxUnavailable: 0%}",
         "Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"0%\"}: may not be 0 when `maxSurge` is 0"),
        ("rollingUpdate: {maxSurge: 0}", nil),
        ("type: Recreate", nil),
    ] as [(String, String?)])
    func rollingUpdate(_ strategy: String, _ want: String?) throws {
        #expect(try refusal(strategy: strategy) == want)
    }

    @Test(arguments: [
        ("minReadySeconds: 600", "Deployment.apps \"web\" is invalid: spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds"),
        ("minReadySeconds: 599", nil),
        ("progressDeadlineSeconds: 30", nil),
    ])
    func progressDeadline(_ spec: String, _ want: String?) throws {
        #expect(try refusal(spec: spec) == want)
    }
}
