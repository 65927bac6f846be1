import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// The ResourceQuota plugin as pods meet it: which quotas match (scopes), what a pod charges,
/// the constraints and the exact refusal, after upstream's `TestAdmitExceedQuotaLimit`,
/// `TestAdmitEnforceQuotaConstraints`, `TestAdmitBelowBestEffortQuotaLimit` and
/// `TestAdmitBestEffortQuotaLimitIgnoresBurstable` (`plugin/pkg/admission/resourcequota/
/// admission_test.go`), with the messages of the real v1.20 API server.
@Suite struct ResourceQuotaTests {
    static func quota(_ hard: String, scopes: String = "", name: String = "compute") -> String {
        """
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: \(name), namespace: default}
        spec:
          hard: {\(hard)}
        \(scopes.isEmpty ? "" : "  " + scopes)
        """
    }

    func refusals(_ s: SimState) -> [String] {
        s.events.compactMap { if case .rejected(_, let r) = $0 { r.message } else { nil } }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var quota: String
        var resources: String
        var replicas: Int
        var created: Int
        var refusal: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "every exceeded resource named, in name order", quota: quota("requests.cpu: 500m, limits.memory: 1Gi"),
             resources: "requests: {cpu: 300m, memory: 128Mi}\nlimits: {memory: 600Mi}", replicas: 2, created: 1,
             refusal: "exceeded quota: compute, requested: limits.memory=600Mi,requests.cpu=300m, used: limits.memory=600Mi,requests.cpu=300m, "
                + "limited: limits.memory=1Gi,requests.cpu=500m"),
        Case(name: "bare cpu is a request", quota: quota("cpu: 500m"), resources: "requests: {cpu: 300m}", replicas: 2, created: 1,
             refusal: "exceeded quota: compute, requested: cpu=300m, used: cpu=300m, limited: cpu=500m"),
        Case(name: "a quota on memory requires every container to state it", quota: quota("memory: 1Gi, limits.cpu: \"2\""),
             resources: "requests: {cpu: 100m}", replicas: 1, created: 0, refusal: "failed quota: compute: must specify limits.cpu,memory"),
        Case(name: "BestEffort scope counts only best-effort pods", quota: quota("pods: \"1\"", scopes: "scopes: [BestEffort]"),
             resources: "requests: {cpu: 100m}", replicas: 3, created: 3, refusal: nil),
        Case(name: "BestEffort scope refuses the second best-effort pod", quota: quota("pods: \"1\"", scopes: "scopes: [BestEffort]"),
             resources: "", replicas: 2, created: 1, refusal: "exceeded quota: compute, requested: pods=1, used: pods=1, limited: pods=1"),
        Case(name: "NotBestEffort scope leaves best-effort pods alone", quota: quota("requests.memory: 1Gi", scopes: "scopes: [NotBestEffort]"),
             resources: "", replicas: 2, created: 2, refusal: nil),
        Case(name: "count/pods counts pods", quota: quota("count/pods: \"1\""), resources: "requests: {cpu: 100m}", replicas: 2,
             created: 1, refusal: "exceeded quota: compute, requested: count/pods=1, used: count/pods=1, limited: count/pods=1"),
    ]

    @Test(arguments: cases) func admits(_ c: Case) throws {
        let s = try Fixture.settled(Fixture.node("n1"), c.quota, Fixture.deployment("web", replicas: c.replicas, resources: c.resources))
        #expect(s.live("Deployment", "web").count == c.created)
        #expect(refusals(s) == (c.refusal.map { [$0] } ?? []))
    }

    /// `podMatchesScopeFunc`: the PriorityClass selector sees `{PriorityClass: name}` with the
    /// key always present.
    @Test func priorityClassScope() {
        var spec = PodSpec(containers: [Container(name: "app")])
        spec.priorityClassName = "high"
        let sel = { (op: String, values: [String]?) in ScopedResourceSelectorRequirement(scopeName: "PriorityClass", operator: op, values: values) }
        #expect(QuotaState.scopeMatches(sel("In", ["high"]), spec))
        #expect(!QuotaState.scopeMatches(sel("NotIn", ["high"]), spec))
        #expect(QuotaState.scopeMatches(sel("Exists", nil), PodSpec(containers: [])))
        #expect(!QuotaState.scopeMatches(sel("DoesNotExist", nil), spec))
        spec.activeDeadlineSeconds = 60
        #expect(QuotaState.scopeMatches(ScopedResourceSelectorRequirement(scopeName: "Terminating", operator: "Exists"), spec))
    }

    /// An object-count quota refuses the create call itself, with the plural resource name.
    @Test func objectCountRefusesTheObject() throws {
        let cluster = Cluster(objects: try Fixture.objects(Self.quota("count/deployments.apps: \"0\"")))
        let web = try #require(try Fixture.objects(Fixture.deployment("web")).first)
        #expect(ObjectAdmission.refusal(creating: web, in: cluster, quotas: ObjectCountQuota.quotas(in: cluster, namespace: "default"))
            == "deployments.apps \"web\" is forbidden: exceeded quota: compute, requested: count/deployments.apps=1, "
            + "used: count/deployments.apps=0, limited: count/deployments.apps=0")
    }

    /// A template whose request is above its limit is refused by validation, path and all.
    @Test func invalidTemplateIsRefused() throws {
        let web = try #require(try Fixture.objects(Fixture.deployment("web", resources: "requests: {cpu: \"2\"}\nlimits: {cpu: \"1\"}")).first)
        #expect(ObjectAdmission.refusal(creating: web, in: Cluster(), quotas: [])
            == "Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].resources.requests: "
            + "Invalid value: \"2\": must be less than or equal to cpu limit")
    }
}
