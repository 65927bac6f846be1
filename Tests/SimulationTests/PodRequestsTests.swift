import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// kube-scheduler's `PodRequests`: app containers add up, plain init containers run alone
/// beside the sidecars started before them, the pod needs the larger, plus overhead.
@Suite struct PodRequestsTests {
    func spec(_ yaml: String) throws -> PodSpec {
        let objects = try ManifestDecoder.decodeAll("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + Fixture.indent(yaml, 2), source: "test")
        guard case .pod(let p)? = objects.first else { Issue.record("not a pod"); throw CancellationError() }
        return p.spec
    }

    @Test func appContainersAddUp() throws {
        let r = PodRequests.of(try spec("""
            containers:
            - {name: a, resources: {requests: {cpu: 100m, memory: 64Mi}}}
            - {name: b, resources: {requests: {cpu: 250m, memory: 192Mi}}}
            """))
        #expect(r.milliCPU == 350)
        #expect(r.memory == 256 << 20)
        #expect(r.pods == 1)
    }

    @Test func initContainerTakesTheMaximum() throws {
        // App 100m; init 500m runs alone: max(100m, 500m) = 500m. Memory: max(512Mi, 64Mi).
        let r = PodRequests.of(try spec("""
            initContainers:
            - {name: init, resources: {requests: {cpu: 500m, memory: 64Mi}}}
            containers:
            - {name: app, resources: {requests: {cpu: 100m, memory: 512Mi}}}
            """))
        #expect(r.milliCPU == 500)
        #expect(r.memory == 512 << 20)
    }

    @Test func sidecarAddsToRunningAndToLaterInitContainers() throws {
        // App 100m + sidecar 50m run together (150m); the init after the sidecar runs beside
        // it (50m + 500m = 550m): the pod needs max(150m, 550m) = 550m.
        let r = PodRequests.of(try spec("""
            initContainers:
            - {name: proxy, restartPolicy: Always, resources: {requests: {cpu: 50m}}}
            - {name: migrate, resources: {requests: {cpu: 500m}}}
            containers:
            - {name: app, resources: {requests: {cpu: 100m}}}
            """))
        #expect(r.milliCPU == 550)
    }

    @Test func initBeforeSidecarDoesNotRunBesideIt() throws {
        // The init container runs before the sidecar starts: max(100m + 50m, 500m) = 500m.
        let r = PodRequests.of(try spec("""
            initContainers:
            - {name: migrate, resources: {requests: {cpu: 500m}}}
            - {name: proxy, restartPolicy: Always, resources: {requests: {cpu: 50m}}}
            containers:
            - {name: app, resources: {requests: {cpu: 100m}}}
            """))
        #expect(r.milliCPU == 500)
    }

    @Test func sidecarCountsInSteadyState() throws {
        // A large sidecar dominates: 100m + 800m = 900m > init 300m.
        let r = PodRequests.of(try spec("""
            initContainers:
            - {name: proxy, restartPolicy: Always, resources: {requests: {cpu: 800m}}}
            - {name: migrate, resources: {requests: {cpu: 50m}}}
            containers:
            - {name: app, resources: {requests: {cpu: 100m}}}
            """))
        #expect(r.milliCPU == 900)
    }

    @Test func overheadIsAdded() throws {
        let r = PodRequests.of(try spec("""
            overhead: {cpu: 250m, memory: 120Mi}
            initContainers:
            - {name: init, resources: {requests: {cpu: "1"}}}
            containers:
            - {name: app, resources: {requests: {cpu: 100m, memory: 8Mi}}}
            """))
        // max(100m, 1000m) + 250m overhead.
        #expect(r.milliCPU == 1250)
        #expect(r.memory == 128 << 20)
    }

    @Test func limitWithoutRequestCountsAsRequest() throws {
        let r = PodRequests.of(try spec("""
            containers:
            - {name: app, resources: {limits: {cpu: 300m, memory: 1Gi}, requests: {cpu: 100m}}}
            """))
        #expect(r.milliCPU == 100)          // the explicit request wins
        #expect(r.memory == 1 << 30)        // the limit stands in for the missing request
    }

    @Test func extendedResourcesAreWholeUnits() throws {
        let r = PodRequests.of(try spec("""
            containers:
            - {name: app, resources: {limits: {nvidia.com/gpu: 2}}}
            """))
        #expect(r.scalar["nvidia.com/gpu"] == 2)
    }

    @Test func noRequestsStillCountsOnePod() throws {
        let r = PodRequests.of(try spec("containers:\n- {name: app}"))
        #expect(r == Resources(milliCPU: 0, memory: 0, pods: 1))
    }
}
