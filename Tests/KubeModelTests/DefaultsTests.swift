import Testing
import Yams
@testable import KubeModel

/// The API server fills in defaults that `kubectl apply` input leaves out; the model must
/// read the same values.
@Suite struct DefaultsTests {
    @Test func probeDefaults() throws {
        let probe = try ManifestDecoder.decodeValue(Probe.self, from: "httpGet: {path: /healthz, port: http}")
        #expect(probe.initialDelay == 0)
        #expect(probe.period == 10)
        #expect(probe.timeout == 1)
        #expect(probe.failures == 3)
        #expect(probe.namedPort == "http")
    }

    @Test func probeExplicitValues() throws {
        let probe = try ManifestDecoder.decodeValue(Probe.self, from: """
            tcpSocket: {port: 8080}
            initialDelaySeconds: 5
            periodSeconds: 5
            timeoutSeconds: 2
            failureThreshold: 6
            """)
        #expect(probe.initialDelay == 5)
        #expect(probe.period == 5)
        #expect(probe.timeout == 2)
        #expect(probe.failures == 6)
        // A numeric port is no named port, even when written as a string.
        #expect(probe.namedPort == nil)
        #expect(Probe(httpGet: HTTPGetAction(port: .string("8080"))).namedPort == nil)
    }

    @Test func deploymentDefaults() throws {
        let objects = try ManifestDecoder.decodeAll("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  containers: [{name: web}]
            """, source: "test")
        guard case .deployment(let d) = objects.first else { Issue.record("not a Deployment"); return }
        #expect(d.replicas == 1)
        #expect(d.maxSurge == .string("25%"))
        #expect(d.maxUnavailable == .string("25%"))
        #expect(d.progressDeadline == 600)
        #expect(!d.isRecreate)
        #expect(objects.first?.ref == ObjectRef(kind: "Deployment", namespace: "default", name: "web"))
    }

    @Test func deploymentExplicitValues() throws {
        let objects = try ManifestDecoder.decodeAll("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 0
              progressDeadlineSeconds: 120
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
              template:
                spec:
                  containers: [{name: web}]
            """, source: "test")
        guard case .deployment(let d) = objects.first else { Issue.record("not a Deployment"); return }
        #expect(d.replicas == 0)
        #expect(d.maxSurge == .int(1))
        #expect(d.maxUnavailable == .int(0))
        #expect(d.progressDeadline == 120)
    }

    @Test func containerRequestsDefaultToLimits() throws {
        let c = try ManifestDecoder.decodeValue(Container.self, from: """
            name: app
            resources:
              limits: {cpu: 500m, memory: 1Gi}
              requests: {memory: 256Mi}
            """)
        #expect(c.effectiveRequests["cpu"] == .milli(500))
        #expect(try c.effectiveRequests["memory"] == Quantity(parsing: "256Mi"))
    }
}
