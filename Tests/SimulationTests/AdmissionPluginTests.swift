import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// LimitRanger and ResourceQuota as the controllers meet them when creating pods.
@Suite struct AdmissionPluginTests {
    static func limitRange(_ items: String) -> String {
        """
        apiVersion: v1
        kind: LimitRange
        metadata: {name: limits, namespace: default}
        spec:
          limits:
        \(Fixture.indent(items, 2))
        """
    }

    static func quota(hard: String, used: String? = nil) -> String {
        var out = """
            apiVersion: v1
            kind: ResourceQuota
            metadata: {name: compute, namespace: default}
            spec:
              hard: {\(hard)}
            """
        if let used { out += "\nstatus:\n  used: {\(used)}" }
        return out
    }

    func rejections(_ s: SimState) -> [String] {
        s.events.compactMap { if case .rejected(_, let r) = $0 { r.message } else { nil } }
    }

    /// A Deployment whose container states nothing about resources.
    static let bare = Fixture.deployment("web", resources: "")

    @Test func defaultsFillRequestsAndLimits() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Self.limitRange("""
            - type: Container
              default: {cpu: 500m, memory: 256Mi}
              defaultRequest: {cpu: 100m}
            """), Self.bare)
        let pod = try #require(s.live("Deployment", "web").first)
        let res = try #require(s.pods[pod].shape.spec.containers[0].resources)
        #expect(res.limits?["cpu"] == .milli(500))
        #expect(res.limits?["memory"] == .units(256 << 20))
        #expect(res.requests?["cpu"] == .milli(100))
        // No default request for memory: the request defaults to the default limit.
        #expect(res.requests?["memory"] == .units(256 << 20))
        // The scheduler charges the defaulted requests.
        #expect(s.nodes[0].requested.milliCPU == 100)
    }

    @Test func defaultsDoNotOverrideStatedValues() throws {
        guard case .limitRange(let range)? = try Fixture.objects(Self.limitRange("""
            - type: Container
              default: {cpu: 500m}
              defaultRequest: {cpu: 100m}
            """)).first else { Issue.record("not a LimitRange"); return }
        let c = Container(name: "app", resources: ResourceRequirements(requests: ["cpu": .milli(50)], limits: ["cpu": .milli(70)]))
        let spec = LimitRanger.applyDefaults(PodSpec(containers: [c]), ranges: [range])
        #expect(spec.containers[0].resources?.requests?["cpu"] == .milli(50))
        #expect(spec.containers[0].resources?.limits?["cpu"] == .milli(70))
        // Init containers are defaulted too.
        var withInit = PodSpec(containers: [c])
        withInit.initContainers = [Container(name: "init")]
        let defaulted = LimitRanger.applyDefaults(withInit, ranges: [range])
        #expect(defaulted.initContainers?[0].resources?.requests?["cpu"] == .milli(100))
        #expect(defaulted.initContainers?[0].resources?.limits?["cpu"] == .milli(500))
    }

    @Test func maxViolationRejectsEveryPod() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Self.limitRange("""
            - type: Container
              max: {memory: 1Gi}
            """), Fixture.deployment("web", replicas: 2, resources: "limits: {memory: 2Gi}\nrequests: {memory: 128Mi, cpu: 100m}"))
        #expect(s.live("Deployment", "web").isEmpty)
        let reasons = rejections(s)
        #expect(reasons.count == 1)
        #expect(reasons.first == "maximum memory usage per Container is 1Gi, but limit is 2Gi")
    }

    /// The API server stores a Container item's max as its default limit when it has none
    /// (`SetDefaults_LimitRangeItem`), so a container without a limit gets the max and is
    /// admitted. Observed against the real v1.20 API server (Tests/Differential/README.md).
    @Test func maxAloneBecomesTheDefaultLimit() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Self.limitRange("""
            - type: Container
              max: {cpu: "2"}
            """), Fixture.deployment("web"))
        let pod = try #require(s.live("Deployment", "web").first)
        #expect(s.pods[pod].shape.spec.containers[0].resources?.limits?["cpu"] == .units(2))
        #expect(s.pods[pod].shape.spec.containers[0].resources?.requests?["cpu"] == .milli(100))
        #expect(rejections(s).isEmpty)
    }

    /// A Pod item has no defaults: without limits the pod has no total to compare.
    @Test func podMaxWithoutLimitRejects() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Self.limitRange("""
            - type: Pod
              max: {cpu: "2"}
            """), Fixture.deployment("web"))
        #expect(s.live("Deployment", "web").isEmpty)
        #expect(rejections(s) == ["maximum cpu usage per Pod is 2.  No limit is specified"])
    }

    @Test func withinMaxIsAdmitted() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Self.limitRange("""
            - type: Container
              max: {memory: 1Gi}
              default: {memory: 512Mi}
            """), Fixture.deployment("web", replicas: 2))
        #expect(s.scheduled("Deployment", "web") == 2)
        #expect(rejections(s).isEmpty)
    }

    @Test func quotaRejectionNamesQuotaAndResource() throws {
        // 1 CPU of requests: two 400m pods fit, the third would make 1200m.
        let s = try Fixture.settled(Fixture.node("n1"), Self.quota(hard: "requests.cpu: \"1\""),
                                    Fixture.deployment("web", replicas: 3, cpu: "400m"))
        #expect(s.live("Deployment", "web").count == 2)
        #expect(rejections(s) == ["exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1"])
    }

    @Test func quotaCountsPods() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Self.quota(hard: "pods: \"2\""), Fixture.deployment("web", replicas: 3))
        #expect(s.live("Deployment", "web").count == 2)
        #expect(rejections(s).first?.hasPrefix("exceeded quota: compute, requested: pods=1") == true)
    }

    @Test func quotaOnLimitsRequiresLimits() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Self.quota(hard: "limits.memory: 4Gi"), Fixture.deployment("web"))
        #expect(s.live("Deployment", "web").isEmpty)
        #expect(rejections(s).first == "failed quota: compute: must specify limits.memory")
    }

    @Test func quotaUsageCountsUnexplainedStatusUsed() throws {
        // status.used says 600m is in use, and no pod of the snapshot explains it: one 400m
        // pod fits (1000m), the second does not.
        let s = try Fixture.settled(Fixture.node("n1"), Self.quota(hard: "requests.cpu: \"1\"", used: "requests.cpu: 600m"),
                                    Fixture.deployment("web", replicas: 3, cpu: "400m"))
        #expect(s.quotas.first?.unexplained["requests.cpu"] == .milli(600))
        #expect(s.live("Deployment", "web").count == 1)
        #expect(rejections(s) == ["exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=1, limited: requests.cpu=1"])
    }

    @Test func usageExplainedByPodsIsNotCountedTwice() throws {
        // A running 600m pod explains status.used: nothing is unexplained.
        let s = try Fixture.settled(Fixture.node("n1"), Self.quota(hard: "requests.cpu: \"1\"", used: "requests.cpu: 600m"),
                                    Fixture.pod("existing", nodeName: "n1", cpu: "600m"))
        #expect(s.quotas.first?.unexplained["requests.cpu"] == nil)
    }

    @Test func quotaInOtherNamespaceDoesNotApply() throws {
        let other = Self.quota(hard: "requests.cpu: 100m").replacingOccurrences(of: "namespace: default", with: "namespace: other")
        let s = try Fixture.settled(Fixture.node("n1"), other, Fixture.deployment("web", replicas: 3, cpu: "400m"))
        #expect(s.live("Deployment", "web").count == 3)
    }
}
