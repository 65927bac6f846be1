import Foundation
import Testing
import KubeModel
@testable import ClusterState

private func node(_ name: String) -> String {
    """
    apiVersion: v1
    kind: Node
    metadata: {name: \(name)}
    status: {allocatable: {cpu: 3920m, memory: 15214628Ki, pods: "110"}}
    """
}

private func pod(_ name: String, cpu: String = "100m") -> String {
    """
    apiVersion: v1
    kind: Pod
    metadata: {name: \(name), namespace: shop}
    spec: {nodeName: worker-1, containers: [{name: app, resources: {requests: {cpu: \(cpu)}}}]}
    """
}

private func configMap(_ name: String) -> String {
    "apiVersion: v1\nkind: Ingress\nmetadata: {name: \(name), namespace: shop}\ndata: {a: b}"
}

@Suite struct SnapshotLoadingTests {
    @Test func loadsMultiDocumentListJSONAndNestedFolders() throws {
        let dir = try TemporaryDirectory()
        try dir.write("nodes.yaml", "apiVersion: v1\nkind: List\nitems:\n- \(node("worker-1").replacingOccurrences(of: "\n", with: "\n  "))\n- \(node("worker-2").replacingOccurrences(of: "\n", with: "\n  "))\n")
        try dir.write("pods.yml", "---\n\(pod("a"))\n---\n\(pod("b"))\n---\n")
        try dir.write("shop/config/settings.json", #"{"apiVersion": "v1", "kind": "Ingress", "metadata": {"name": "settings", "namespace": "shop"}}"#)
        try dir.write("shop/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {template: {spec: {containers: [{name: web}]}}}")
        try dir.write("README.md", "not a manifest")
        try dir.write("notes.txt", "kind: Pod")

        let snapshot = try Snapshot.load(directory: dir.url)
        #expect(snapshot.files == ["nodes.yaml", "pods.yml", "shop/config/settings.json", "shop/deploy.yaml"])
        #expect(snapshot.objects.map(\.metadata.name) == ["worker-1", "worker-2", "a", "b", "settings", "web"])
        #expect(snapshot.opaqueKinds == ["Ingress": 1])
        #expect(snapshot.summary == "2 nodes, 2 pods, 1 workload; kept 1 object of kinds not modelled (Ingress ×1)")
    }

    @Test func skipsHiddenFilesAndFolders() throws {
        let dir = try TemporaryDirectory()
        try dir.write("pods.yaml", pod("visible"))
        try dir.write(".hidden.yaml", "this: [is not valid")
        try dir.write(".git/config.yaml", pod("in-git"))
        try dir.write("sub/.cache/x.yaml", pod("cached"))
        let snapshot = try Snapshot.load(directory: dir.url)
        #expect(snapshot.files == ["pods.yaml"])
        #expect(snapshot.objects.map(\.metadata.name) == ["visible"])
    }

    @Test func loadOrderIsSortedAndRepeatable() throws {
        let dir = try TemporaryDirectory()
        for name in ["c", "a", "b", "a2"] { try dir.write("\(name).yaml", pod(name)) }
        try dir.write("a/z.yaml", pod("az"))
        let first = try Snapshot.load(directory: dir.url)
        let second = try Snapshot.load(directory: dir.url)
        #expect(first.files == ["a.yaml", "a/z.yaml", "a2.yaml", "b.yaml", "c.yaml"])
        #expect(first.objects == second.objects)
    }

    @Test func countsOpaqueKinds() throws {
        let dir = try TemporaryDirectory()
        try dir.write("misc.yaml", [configMap("a"), configMap("b"), configMap("c"),
                                    "apiVersion: v1\nkind: NetworkPolicy\nmetadata: {name: s1}",
                                    "apiVersion: v1\nkind: NetworkPolicy\nmetadata: {name: s2}",
                                    pod("p")].joined(separator: "\n---\n"))
        let snapshot = try Snapshot.load(directory: dir.url)
        #expect(snapshot.opaqueKinds == ["Ingress": 3, "NetworkPolicy": 2])
        #expect(snapshot.summary == "0 nodes, 1 pod, 0 workloads; kept 5 objects of kinds not modelled (Ingress ×3, NetworkPolicy ×2)")
    }

    @Test func brokenFileNamesFileAndDocument() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.yaml", pod("fine"))
        try dir.write("cluster/pods.yaml", "\(pod("ok"))\n---\n\(pod("bad", cpu: "12x"))")
        let error = #expect(throws: SnapshotError.self) { try Snapshot.load(directory: dir.url) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("cluster/pods.yaml: document 1: "))
        #expect(message.contains("spec.containers[0].resources.requests.cpu"))
        #expect(message.contains("\"12x\""))
    }

    @Test func invalidYAMLNamesFile() throws {
        let dir = try TemporaryDirectory()
        try dir.write("nested/broken.yml", "kind: Pod\nmetadata: {name: [\n")
        let error = #expect(throws: SnapshotError.self) { try Snapshot.load(directory: dir.url) }
        #expect(error?.description.hasPrefix("nested/broken.yml: ") == true)
    }

    @Test func emptyDirectoryIsAnError() throws {
        let dir = try TemporaryDirectory()
        try dir.write(".hidden.yaml", pod("hidden"))
        try dir.write("README.md", "nothing")
        let error = #expect(throws: SnapshotError.self) { try Snapshot.load(directory: dir.url) }
        #expect(error?.description.contains("no .yaml, .yml or .json files") == true)
    }

    @Test func filesWithoutObjectsAreAnError() throws {
        let dir = try TemporaryDirectory()
        try dir.write("empty.yaml", "---\n# nothing\n")
        let error = #expect(throws: SnapshotError.self) { try Snapshot.load(directory: dir.url) }
        #expect(error?.description.contains("no Kubernetes objects") == true)
    }

    @Test func missingDirectoryIsAnError() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/premortem/cluster")
        let error = #expect(throws: SnapshotError.self) { try Snapshot.load(directory: missing) }
        #expect(error?.description == "cluster snapshot /nonexistent/premortem/cluster: no such directory")
    }

    @Test func fileInsteadOfDirectoryIsAnError() throws {
        let dir = try TemporaryDirectory()
        try dir.write("pods.yaml", pod("p"))
        let error = #expect(throws: SnapshotError.self) {
            try Snapshot.load(directory: dir.url.appendingPathComponent("pods.yaml"))
        }
        #expect(error?.description.contains("not a directory") == true)
    }

    @Test func loadFilesKeepsGivenOrder() throws {
        let dir = try TemporaryDirectory()
        try dir.write("b.yaml", pod("b"))
        try dir.write("a.yaml", node("worker-1"))
        let snapshot = try Snapshot.load(files: [dir.url.appendingPathComponent("b.yaml"), dir.url.appendingPathComponent("a.yaml")])
        #expect(snapshot.objects.map(\.kind) == ["Pod", "Node"])
        #expect(snapshot.files.count == 2)

        let missing = dir.url.appendingPathComponent("missing.yaml")
        let error = #expect(throws: SnapshotError.self) { try Snapshot.load(files: [missing]) }
        #expect(error?.description.contains("missing.yaml: cannot read file") == true)
    }

    @Test func parseText() throws {
        let snapshot = try Snapshot.parse(text: "\(node("n"))\n---\n\(configMap("c"))", source: "stdin")
        #expect(snapshot.files == ["stdin"])
        #expect(snapshot.summary == "1 node, 0 pods, 0 workloads; kept 1 object of kinds not modelled (Ingress ×1)")
        let error = #expect(throws: SnapshotError.self) { try Snapshot.parse(text: pod("p", cpu: "1.2.3"), source: "stdin") }
        #expect(error?.description.hasPrefix("stdin: document 0: ") == true)
    }

    @Test func summaryCountsOnlyTopLevelWorkloads() throws {
        let text = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-abc
              ownerReferences: [{kind: Deployment, name: web, controller: true}]
            spec: {replicas: 1}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: standalone}
            spec: {replicas: 1}
            """
        #expect(try Snapshot.parse(text: text, source: "x").summary == "0 nodes, 0 pods, 1 workload")
    }
}
