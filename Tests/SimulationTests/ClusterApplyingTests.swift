import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `Cluster.applying`: what the API server and garbage collector leave after a change.
@Suite struct ClusterApplyingTests {
    static let objects = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-5d8f
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
        spec:
          selector: {matchLabels: {app: web}}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-5d8f-abcde
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, controller: true}]
        spec: {containers: [{name: app}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-unrelated, namespace: shop}
        spec: {containers: [{name: app}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-5d8f-other-ns
          namespace: elsewhere
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, controller: true}]
        spec: {containers: [{name: app}]}
        """

    @Test func deleteDeploymentRemovesItsReplicaSetsAndPods() throws {
        let cluster = Cluster(objects: try Fixture.objects(Self.objects))
        #expect(cluster.count == 5)
        let deployment = try #require(cluster.objects[ObjectRef(kind: "Deployment", namespace: "shop", name: "web")])
        let after = cluster.applying(Change(operation: .delete, object: nil, oldObject: deployment))
        let left = Set(after.sortedObjects.map(\.ref.description))
        // Owner references are namespaced: the pod in another namespace is not owned.
        #expect(left == ["Pod shop/web-unrelated", "Pod elsewhere/web-5d8f-other-ns"])
        // The original is a value and unchanged.
        #expect(cluster.count == 5)
    }

    @Test func deleteReplicaSetKeepsDeployment() throws {
        let cluster = Cluster(objects: try Fixture.objects(Self.objects))
        let rs = try #require(cluster.objects[ObjectRef(kind: "ReplicaSet", namespace: "shop", name: "web-5d8f")])
        let after = cluster.applying(Change(operation: .delete, object: nil, oldObject: rs))
        #expect(after.objects[ObjectRef(kind: "Deployment", namespace: "shop", name: "web")] != nil)
        #expect(after.objects[ObjectRef(kind: "Pod", namespace: "shop", name: "web-5d8f-abcde")] == nil)
        #expect(after.count == 3)
    }

    @Test func createAndUpdateReplaceByRef() throws {
        let cluster = Cluster(objects: try Fixture.objects(Self.objects))
        let fresh = try #require(try Fixture.objects(Fixture.deployment("api", namespace: "shop")).first)
        let created = cluster.applying(Change(operation: .create, object: fresh))
        #expect(created.count == 6)
        let updated = created.applying(Change(operation: .update, object: fresh))
        #expect(updated.count == 6)
        let connected = cluster.applying(Change(operation: .connect, object: fresh))
        #expect(connected.count == 5)
    }
}
