import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// LimitRanger's PersistentVolumeClaim items, after `PersistentVolumeClaimValidateLimitFunc`
/// (`plugin/pkg/admission/limitranger/admission.go`): min and max against the storage request.
@Suite struct ClaimLimitTests {
    static let range = """
        apiVersion: v1
        kind: LimitRange
        metadata: {name: storage, namespace: default}
        spec:
          limits:
          - type: PersistentVolumeClaim
            min: {storage: 1Gi}
            max: {storage: 10Gi}
        """

    @Test(arguments: [
        ("5Gi", nil),
        ("20Gi", "maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi"),
        ("500Mi", "minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi"),
        ("", "[minimum storage usage per PersistentVolumeClaim is 1Gi.  No request is specified, maximum storage usage per PersistentVolumeClaim is 10Gi.  No request is specified]"),
    ] as [(String, String?)])
    func claimRequest(_ storage: String, _ refusal: String?) throws {
        guard case .limitRange(let lr)? = try Fixture.objects(Self.range).first else { throw CancellationError() }
        let q = storage.isEmpty ? nil : try Quantity(parsing: storage)
        #expect(LimitRanger.claimViolation(storage: q, ranges: [LimitRanger.withAPIDefaults(lr)]) == refusal)
    }

    /// The StatefulSet controller creates each pod's claims first; a refused claim is a
    /// FailedCreate of the pod with the claim's error, and OrderedReady stops at that ordinal.
    @Test func statefulSetClaimRefused() throws {
        let set = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: default}
            spec:
              replicas: 2
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers: [{name: db, image: db:1, resources: {requests: {cpu: 100m}}}]
              volumeClaimTemplates:
              - metadata: {name: data}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 20Gi}}}
            """
        let s = try Fixture.settled(Fixture.node("a"), Self.range, set)
        let refusals = s.events.compactMap { if case .rejected(_, let r) = $0 { r } else { nil } }
        let r = try #require(refusals.first)
        #expect(r.claim == "data-db-0")
        #expect(r.failedCreateMessage(owner: .statefulSet, ownerName: "db")
            == "create Pod db-0 in StatefulSet db failed error: failed to create PVC data-db-0: persistentvolumeclaims \"data-db-0\" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi")
        #expect(s.livePodIndices.isEmpty)
    }

    @Test func claimObjectRefused() throws {
        let claim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: default}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 20Gi}}}"
        guard case .limitRange(let lr)? = try Fixture.objects(Self.range).first else { throw CancellationError() }
        let o = try Fixture.objects(claim)[0]
        #expect(ObjectAdmission.refusal(creating: o, in: Cluster(objects: []), quotas: [], limitRanges: [LimitRanger.withAPIDefaults(lr)])
            == "persistentvolumeclaims \"data\" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi")
    }
}
