import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// Absurd values must give an answer, never a crash (a trap kills the webhook).
@Suite struct AbsurdInputTests {
    func health(_ s: SimState) -> PodHealth? { s.workload(ObjectRef(kind: "Deployment", namespace: "default", name: "web"))?.newPodHealth }

    @Test func hugeMemoryRequestStaysPending() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.deployment("huge", memory: "1e20"))
        #expect(s.scheduled("Deployment", "huge") == 0)
        #expect(s.pendingPods("Deployment", "huge").first.flatMap { s.pendingReasons[$0] } == "0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")
    }

    @Test func twoHugeContainersSaturate() throws {
        let spec = "containers:\n- {name: a, resources: {requests: {memory: 1e20}}}\n- {name: b, resources: {requests: {memory: 1e20}}}"
        guard case .pod(let p)? = try Fixture.objects("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + Fixture.indent(spec, 2)).first else { return }
        let r = PodRequests.of(p.spec)
        // Capped, not wrapped around to a negative (which would fit anywhere).
        #expect(r.memory > 1 << 40)
    }

    @Test func hugeNodeAllocatable() throws {
        let s = try Fixture.settled(Fixture.node("n1", cpu: "1e15", memory: "1e18"), Fixture.deployment("web"))
        #expect(s.scheduled("Deployment", "web") == 1)
    }

    @Test func hugeInitialDelayWithStatedStartup() throws {
        let container = "livenessProbe:\n  httpGet: {path: /, port: 8080}\n  initialDelaySeconds: 9223372036854775807"
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.deployment("web", container: container, annotations: "premortem.io/startup-seconds: \"30\""))
        #expect(s.scheduled("Deployment", "web") == 1)
        // A day-long initial delay covers a 30 s start.
        #expect(health(s) == .ready)
    }

    @Test func hugeStatedStartup() throws {
        let container = "livenessProbe:\n  httpGet: {path: /, port: 8080}"
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.deployment("web", container: container, annotations: "premortem.io/startup-seconds: \"9223372036854775807\""))
        #expect(s.scheduled("Deployment", "web") == 1)
        #expect(health(s) == .crashLoop)
    }

    @Test func hugeFailureThresholdWithStatedStartup() throws {
        let container = "livenessProbe:\n  httpGet: {path: /, port: 8080}\n  failureThreshold: 9223372036854775807"
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.deployment("web", container: container, annotations: "premortem.io/startup-seconds: \"30\""))
        #expect(s.scheduled("Deployment", "web") == 1)
        #expect(health(s) == .ready)
    }

    @Test func hugeProbeNumbersWithoutEvidence() throws {
        let container = "livenessProbe:\n  httpGet: {path: /, port: 8080}\n  initialDelaySeconds: 9223372036854775807\n  periodSeconds: 9223372036854775807\n  failureThreshold: 9223372036854775807\n  timeoutSeconds: 9223372036854775807"
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.deployment("web", container: container))
        #expect(s.scheduled("Deployment", "web") == 1)
    }

    @Test func negativeReplicas() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.deployment("web", replicas: -3), WorkloadControllerTests.statefulSet("db", replicas: -2, cpu: "1"))
        #expect(s.live("Deployment", "web").isEmpty)
        #expect(s.live("StatefulSet", "db").isEmpty)
    }

    @Test func hugeOverhead() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.deployment("web", memory: "1e20", spec: "overhead: {memory: 1e20}"))
        #expect(s.scheduled("Deployment", "web") == 0)
    }
}
extension AbsurdInputTests {
    /// Regression: `PodRequests.memoryLimit` used to add `Quantity.value` (clamped to Int64.max) without
    /// the cap `Resources` applies, so two containers with memory limits of 1e19 bytes trap
    /// on overflow. Run in a child process so the crash cannot take the test run down.
    @Test func memoryLimitOfHugeLimitsDoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            let spec = "containers:\n- {name: a, resources: {limits: {memory: 1e19}}}\n- {name: b, resources: {limits: {memory: 1e19}}}"
            guard case .pod(let p)? = try? ManifestDecoder.decodeAll("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + Fixture.indent(spec, 2), source: "t").first else { return }
            _ = PodRequests.memoryLimit(p.spec)
        }
    }

    @Test func memoryLimitOfLargeButSaneLimits() throws {
        let spec = "containers:\n- {name: a, resources: {limits: {memory: 1Ti}}}\n- {name: b, resources: {limits: {memory: 1Ti}}}"
        guard case .pod(let p)? = try Fixture.objects("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + Fixture.indent(spec, 2)).first else { return }
        #expect(PodRequests.memoryLimit(p.spec) == 2 << 40)
    }
}
