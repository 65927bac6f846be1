import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// Pod Security admission, pinned on the current upstream checks
/// (`staging/src/k8s.io/pod-security-admission/policy/check_*.go`; v1.20 has no such plugin).
@Suite struct PodSecurityTests {
    func spec(_ yaml: String) throws -> PodSpec {
        let objects = try Fixture.objects(Fixture.deployment("web", spec: yaml))
        return try #require(objects.first?.podTemplate?.spec)
    }

    static let hardened = """
        securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
        """

    @Test func plainPodUnderRestrictedNamesEveryRule() throws {
        let v = PodSecurity.violation(try spec(""), level: .restricted)
        #expect(v == """
            violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), \
            unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), \
            runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), \
            seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")
            """)
    }

    @Test func plainPodPassesBaseline() throws {
        #expect(PodSecurity.violation(try spec(""), level: .baseline) == nil)
    }

    @Test(arguments: [
        // TestPrivileged / TestHostNamespaces / TestHostPorts / TestCapabilitiesBaseline, one row each
        ("hostNetwork: true", "host namespaces (hostNetwork=true)"),
        ("hostPID: true\nhostIPC: true", "host namespaces (hostPID=true, hostIPC=true)"),
        ("securityContext: {seccompProfile: {type: Unconfined}}", "seccompProfile (pod must not set securityContext.seccompProfile.type to \"Unconfined\")"),
    ])
    func baselinePodFields(_ c: (String, String)) throws {
        #expect(PodSecurity.violation(try spec(c.0), level: .baseline) == "violates PodSecurity \"baseline:latest\": \(c.1)")
    }

    @Test func baselineContainerFields() throws {
        let objects = try Fixture.objects(Fixture.deployment("web", container: """
            securityContext: {privileged: true, capabilities: {add: [NET_ADMIN, CHOWN]}}
            ports: [{containerPort: 80, hostPort: 8080}]
            """))
        let s = try #require(objects.first?.podTemplate?.spec)
        #expect(PodSecurity.violation(s, level: .baseline) == """
            violates PodSecurity "baseline:latest": non-default capabilities (container "app" must not include "NET_ADMIN" in securityContext.capabilities.add), \
            hostPort (container "app" uses hostPort 8080), privileged (container "app" must not set securityContext.privileged=true)
            """)
    }

    @Test func hardenedPodPassesRestricted() throws {
        let objects = try Fixture.objects(Fixture.deployment("web", container: """
            securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}
            """, spec: Self.hardened))
        #expect(PodSecurity.violation(try #require(objects.first?.podTemplate?.spec), level: .restricted) == nil)
    }

    @Test func levelFromTheNamespaceLabel() {
        #expect(PodSecurity.level([:]) == .privileged)
        #expect(PodSecurity.level([PodSecurity.enforceLabel: "baseline"]) == .baseline)
        #expect(PodSecurity.level([PodSecurity.enforceLabel: "bogus"]) == .restricted)
    }

    @Test func aRefusedPodIsNeverCreated() throws {
        let ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: default, labels: {pod-security.kubernetes.io/enforce: restricted}}"
        let s = try Fixture.settled(Fixture.node("a"), ns, Fixture.deployment("web", replicas: 2))
        #expect(s.live("Deployment", "web").isEmpty)
        #expect(s.events.contains { if case .rejected(_, let r) = $0 { r.step == .podSecurity && r.message.hasPrefix("violates PodSecurity \"restricted:latest\"") } else { false } })
    }
}
