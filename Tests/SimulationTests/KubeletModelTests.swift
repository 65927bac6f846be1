import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `Kubelet.assess`: what the kubelet makes of a template, given the evidence of earlier pods
/// and the user's annotations.
@Suite struct KubeletModelTests {
    /// Liveness on port 8080 with the defaults (period 10, failureThreshold 3, timeout 1):
    /// the kubelet kills the container after 0 + 3×10 = 30 s (budget 31 s with the timeout).
    static let liveness = """
        ports:
        - {name: http, containerPort: 8080}
        livenessProbe:
          httpGet: {path: /live, port: 8080}
        readinessProbe:
          httpGet: {path: /ready, port: http}
          periodSeconds: 5
        """

    func workload(container: String, annotations: String = "", resources: String? = nil) throws -> SimWorkload {
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.deployment("web", resources: resources, container: container, annotations: annotations))
        return try #require(s.workload(ObjectRef(kind: "Deployment", namespace: "default", name: "web")))
    }

    /// A pod of the workload that started at 10:00:00 and became Ready `readyAfter` s later.
    func evidencePod(_ name: String, readyAfter: Int) throws -> PodEvidence {
        let yaml = Fixture.pod(name, container: "ports:\n- {name: http, containerPort: 8080}") + """

            status:
              phase: Running
              conditions:
              - {type: Ready, status: "True", lastTransitionTime: "2024-05-01T10:\(String(format: "%02d:%02d", readyAfter / 60, readyAfter % 60))Z"}
              containerStatuses:
              - name: app
                restartCount: 0
                state: {running: {startedAt: "2024-05-01T10:00:00Z"}}
            """
        guard case .pod(let p)? = try Fixture.objects(yaml).first else { throw CancellationError() }
        return PodEvidence(p)
    }

    @Test func livenessWithoutEvidenceIsReady() throws {
        let a = Kubelet.assess(try workload(container: Self.liveness), evidence: [])
        #expect(a.health == .ready)
    }

    @Test func slowObservedStartupUnderLivenessLoops() throws {
        // Earlier pods became Ready 60 s after start; readiness runs every 5 s, so the app
        // answers no sooner than 55 s. Liveness gives up after 30 s: restart loop.
        let a = Kubelet.assess(try workload(container: Self.liveness), evidence: [try evidencePod("web-1", readyAfter: 60)])
        #expect(a.health == .crashLoop)
        #expect(a.message.contains("liveness gives up after 0 + 3×10 = 30 s"), "\(a.message)")
        #expect(a.message.contains("needs at least 55 s"), "\(a.message)")
        #expect(a.fix?.contains("startupProbe") == true)
    }

    /// Ready at the first readiness probe, at its initialDelaySeconds, says only that the app
    /// answered by then: no earlier probe failed, so it is no evidence of a slow start.
    @Test func readyAtTheFirstProbeBoundsStartupOnlyFromAbove() throws {
        let delayed = Self.liveness + "\n  initialDelaySeconds: 60"
        let first = Kubelet.assess(try workload(container: delayed), evidence: [try evidencePod("web-1", readyAfter: 62)])
        #expect(first.health == .ready, "\(first.message)")
        // Two periods later the probe at 60 s + 5 s had failed: the app needs at least 65 s.
        let later = Kubelet.assess(try workload(container: delayed), evidence: [try evidencePod("web-1", readyAfter: 70)])
        #expect(later.health == .crashLoop)
        #expect(later.message.contains("needs at least 65 s"), "\(later.message)")
    }

    @Test func fastObservedStartupIsReady() throws {
        let a = Kubelet.assess(try workload(container: Self.liveness), evidence: [try evidencePod("web-1", readyAfter: 20)])
        #expect(a.health == .ready)
    }

    @Test func fastestObservedStartupDecides() throws {
        // 20 s and 90 s: the fastest (20 - 5 = 15 s) is what the app needs at least.
        let a = Kubelet.assess(try workload(container: Self.liveness),
                               evidence: [try evidencePod("web-1", readyAfter: 90), try evidencePod("web-2", readyAfter: 20)])
        #expect(a.health == .ready)
    }

    @Test func statedStartupAnnotation() throws {
        let slow = Kubelet.assess(try workload(container: Self.liveness, annotations: "premortem.io/startup-seconds: \"45\""), evidence: [])
        #expect(slow.health == .crashLoop)
        #expect(slow.evidence.contains("annotation premortem.io/startup-seconds states 45 s"))
        let fast = Kubelet.assess(try workload(container: Self.liveness, annotations: "premortem.io/startup-seconds: \"20\""), evidence: [])
        #expect(fast.health == .ready)
    }

    @Test func statedStartupOverridesObservedTiming() throws {
        let a = Kubelet.assess(try workload(container: Self.liveness, annotations: "premortem.io/startup-seconds: \"10\""),
                               evidence: [try evidencePod("web-1", readyAfter: 60)])
        #expect(a.health == .ready)
    }

    @Test func startupProbeBudgetCoversSlowStart() throws {
        // startupProbe 30 × 10 s = 300 s gates liveness: a 120 s start is fine.
        let container = Self.liveness + """

            startupProbe:
              httpGet: {path: /live, port: 8080}
              failureThreshold: 30
              periodSeconds: 10
            """
        let ok = Kubelet.assess(try workload(container: container, annotations: "premortem.io/startup-seconds: \"120\""), evidence: [])
        #expect(ok.health == .ready)
        let tooSlow = Kubelet.assess(try workload(container: container, annotations: "premortem.io/startup-seconds: \"400\""), evidence: [])
        #expect(tooSlow.health == .crashLoop)
        #expect(tooSlow.message.contains("the startupProbe gives up after 0 + 30×10 = 300 s"), "\(tooSlow.message)")
    }

    @Test func memoryLimitBelowOOMKilledLimitLoops() throws {
        let oomPod = try Fixture.objects(Fixture.pod("web-old", resources: "limits: {memory: 512Mi}") + """

            status:
              phase: Running
              containerStatuses:
              - name: app
                restartCount: 7
                state: {running: {startedAt: "2024-05-01T10:00:00Z"}}
                lastState: {terminated: {reason: OOMKilled, exitCode: 137}}
            """)
        guard case .pod(let p)? = oomPod.first else { Issue.record("not a pod"); return }
        let low = Kubelet.assess(try workload(container: "", resources: "limits: {memory: 256Mi}"), evidence: [PodEvidence(p)])
        #expect(low.health == .crashLoop)
        #expect(low.fix == "raise the memory limit of container app to at least 512Mi")
        let high = Kubelet.assess(try workload(container: "", resources: "limits: {memory: 1Gi}"), evidence: [PodEvidence(p)])
        #expect(high.health == .ready)
    }

    @Test func memoryWorkingSetAnnotation() throws {
        let limit = "limits: {memory: 512Mi}"
        let perContainer = Kubelet.assess(try workload(container: "", annotations: "premortem.io/memory-working-set.app: 700Mi", resources: limit), evidence: [])
        #expect(perContainer.health == .crashLoop)
        #expect(perContainer.message.contains("below the 700Mi"), "\(perContainer.message)")
        let generic = Kubelet.assess(try workload(container: "", annotations: "premortem.io/memory-working-set: 700Mi", resources: limit), evidence: [])
        #expect(generic.health == .crashLoop)
        let otherContainer = Kubelet.assess(try workload(container: "", annotations: "premortem.io/memory-working-set.sidecar: 700Mi", resources: limit), evidence: [])
        #expect(otherContainer.health == .ready)
        let fits = Kubelet.assess(try workload(container: "", annotations: "premortem.io/memory-working-set.app: 400Mi", resources: limit), evidence: [])
        #expect(fits.health == .ready)
    }

    @Test func workingSetWithoutLimitIsNoLoop() throws {
        let a = Kubelet.assess(try workload(container: "", annotations: "premortem.io/memory-working-set: 64Gi"), evidence: [])
        #expect(a.health == .ready)
    }

    @Test func livenessOnUndeclaredNamedPortIsInert() throws {
        let container = """
            ports:
            - {name: http, containerPort: 8080}
            livenessProbe:
              httpGet: {path: /live, port: health}
            """
        // Even with a slow start stated: the probe never fails, so it never kills.
        let a = Kubelet.assess(try workload(container: container, annotations: "premortem.io/startup-seconds: \"600\""), evidence: [])
        #expect(a.health == .ready)
        #expect(a.inertProbes.count == 1)
        #expect(a.inertProbes.first?.contains("\"health\"") == true)
    }

    @Test func readinessOnUndeclaredNamedPortNeverReady() throws {
        let container = """
            ports:
            - {name: http, containerPort: 8080}
            readinessProbe:
              httpGet: {path: /ready, port: metrics}
            """
        let a = Kubelet.assess(try workload(container: container), evidence: [])
        #expect(a.health == .neverReady)
        #expect(a.cause == "readiness-port:app:metrics")
        #expect(a.fix?.contains("\"http\"") == true)
    }

    @Test func startupOnUndeclaredNamedPortNeverReady() throws {
        let a = Kubelet.assess(try workload(container: "startupProbe:\n  tcpSocket: {port: grpc}"), evidence: [])
        #expect(a.health == .neverReady)
    }

    @Test func declaredNamedPortIsFine() throws {
        let a = Kubelet.assess(try workload(container: Self.liveness), evidence: [])
        #expect(a.inertProbes.isEmpty)
        #expect(a.health == .ready)
    }

    @Test func newPodsGetTheAssessedHealth() throws {
        let container = "ports:\n- {name: http, containerPort: 8080}\nreadinessProbe:\n  httpGet: {path: /ready, port: metrics}"
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.deployment("web", replicas: 2, container: container))
        #expect(s.live("Deployment", "web").map { s.pods[$0].health } == [.neverReady, .neverReady])
        #expect(s.live("Deployment", "web").allSatisfy { !s.pods[$0].isReady && s.pods[$0].isScheduled })
    }
}
