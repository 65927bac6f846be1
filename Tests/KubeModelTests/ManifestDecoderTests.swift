import Testing
@testable import KubeModel

@Suite struct ManifestDecoderTests {
    private let pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p1, namespace: shop}
        spec:
          containers:
          - name: app
            resources: {requests: {cpu: 100m}}
        """

    private func error(_ text: String, source: String = "cluster/pods.yaml") -> ManifestError? {
        #expect(throws: ManifestError.self) { try ManifestDecoder.decodeAll(text, source: source) }
    }

    @Test func singleObject() throws {
        let objects = try ManifestDecoder.decodeAll(pod, source: "pod.yaml")
        #expect(objects.map(\.kind) == ["Pod"])
        #expect(objects.first?.metadata.name == "p1")
    }

    @Test func multiDocumentStreamSkipsEmptyDocuments() throws {
        let text = "---\n\(pod)\n---\n---\n# only a comment\n---\nkind: ConfigMap\nmetadata: {name: c}\n---\n"
        let objects = try ManifestDecoder.decodeAll(text, source: "all.yaml")
        #expect(objects.map(\.kind) == ["Pod", "ConfigMap"])
    }

    @Test func emptyInputHoldsNoObjects() throws {
        #expect(try ManifestDecoder.decodeAll("", source: "empty.yaml").isEmpty)
        #expect(try ManifestDecoder.decodeAll("---\n...\n", source: "empty.yaml").isEmpty)
        #expect(try ManifestDecoder.decodeAll("# nothing here\n", source: "empty.yaml").isEmpty)
    }

    @Test func listIsFlattened() throws {
        let text = """
            apiVersion: v1
            kind: List
            items:
            - kind: Node
              metadata: {name: worker-1}
            - kind: Node
              metadata: {name: worker-2}
            metadata: {resourceVersion: ""}
            """
        let objects = try ManifestDecoder.decodeAll(text, source: "nodes.yaml")
        #expect(objects.map(\.metadata.name) == ["worker-1", "worker-2"])
    }

    @Test func typedListIsFlattened() throws {
        let text = "kind: PodList\napiVersion: v1\nitems: []\n---\nkind: NodeList\nitems: [{kind: Node, metadata: {name: n}}]"
        #expect(try ManifestDecoder.decodeAll(text, source: "x").map(\.kind) == ["Node"])
    }

    @Test func json() throws {
        let text = """
            {
              "apiVersion": "v1",
              "kind": "List",
              "items": [
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "w1"},
                 "status": {"allocatable": {"cpu": "3920m", "memory": "15214628Ki", "pods": "110"}}},
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "shop"}}
              ]
            }
            """
        let objects = try ManifestDecoder.decodeAll(text, source: "dump.json")
        #expect(objects.map(\.kind) == ["Node", "Secret"])
        guard case .node(let node) = objects.first else { Issue.record("not a Node"); return }
        #expect(node.allocatable["cpu"] == .milli(3920))
        #expect(node.allocatable["pods"] == .units(110))
    }

    @Test func badQuantityNamesDocumentAndFieldPath() {
        let text = """
            \(pod)
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p2}
            spec:
              containers:
              - name: app
                resources:
                  requests:
                    memory: 12x
            """
        let e = error(text)
        #expect(e?.source == "cluster/pods.yaml")
        #expect(e?.documentIndex == 1)
        let message = e?.description ?? ""
        #expect(message.hasPrefix("cluster/pods.yaml: document 1: "))
        #expect(message.contains("spec.containers[0].resources.requests.memory"))
        #expect(message.contains("invalid quantity \"12x\""))
    }

    @Test func badItemOfListNamesItsIndex() {
        let text = """
            kind: List
            items:
            - kind: Node
              metadata: {name: ok}
            - kind: Node
              metadata: {name: bad}
              status: {allocatable: {cpu: lots}}
            """
        let message = error(text, source: "nodes.yaml")?.description ?? ""
        #expect(message.hasPrefix("nodes.yaml: document 0: items[1]: "))
        #expect(message.contains("status.allocatable.cpu"))
        #expect(message.contains("\"lots\""))
    }

    @Test func missingFieldIsNamed() {
        let message = error("kind: Pod\nmetadata: {name: p}\nspec: {}")?.description ?? ""
        #expect(message.contains("missing required field spec.containers"))
    }

    @Test func wrongTypeIsNamed() {
        let message = error("kind: Deployment\nmetadata: {name: d}\nspec: {replicas: many, template: {spec: {containers: []}}}")?.description ?? ""
        #expect(message.contains("field spec.replicas"))
    }

    @Test func documentThatIsNotAnObject() {
        let e = error("\(pod)\n---\n- just\n- a list\n")
        #expect(e?.documentIndex == 1)
        #expect(e?.reason.contains("expected an object") == true)
    }

    @Test func syntaxErrorNamesSource() {
        let e = error("kind: Pod\nmetadata: {name: [unclosed\n", source: "broken.yaml")
        #expect(e?.description.hasPrefix("broken.yaml: document 0: line ") == true, "\(String(describing: e))")
        #expect(e?.description.contains("not valid YAML") == true)
    }

    @Test func missingKindIsReported() {
        let e = error("\(pod)\n---\nmetadata: {name: x}\n")
        #expect(e?.documentIndex == 1)
        #expect(e?.reason.contains("no kind") == true)
    }
}

/// Large YAML Lists are cut at their items and read by two parsers: the same objects come
/// out as from one parser, and an error still names its item.
@Suite struct LargeYAMLListTests {
    static func list(_ n: Int, broken: Int? = nil) -> String {
        var text = "apiVersion: v1\nitems:\n"
        for i in 0..<n {
            let name = i == broken ? "p\(i)\n    bad: [unclosed" : "p\(i)"
            text += """
            - apiVersion: v1
              kind: Pod
              metadata:
                name: \(name)
                namespace: ns
                labels: {app: a\(i % 7)}
                annotations:
                  note: |
                    - this line starts with a dash but is inside a block scalar
                    - and so is this one
              spec:
                containers:
                - name: app
                  image: registry.example/app:\(i)
                  resources: {requests: {cpu: \(i % 900 + 1)m, memory: 64Mi}}

            """
        }
        return text + "kind: List\nmetadata:\n  resourceVersion: \"\"\n"
    }

    @Test func parallelReadGivesTheSameObjects() throws {
        let text = Self.list(20_000)
        #expect(text.utf8.count >= ManifestDecoder.pipelineThreshold)
        let objects = try ManifestDecoder.decodeAll(text, source: "big.yaml")
        #expect(objects.count == 20_000)
        #expect(Set(objects.map(\.ref.name)) == Set((0..<20_000).map { "p\($0)" }))
        // The same items, read as small documents one by one.
        let few = try ManifestDecoder.decodeAll(Self.list(50), source: "small.yaml")
        let byName = Dictionary(uniqueKeysWithValues: objects.map { ($0.ref.name, $0) })
        for o in few { #expect(byName[o.ref.name] == o) }
    }

    @Test func errorInASliceNamesTheItem() {
        let error = #expect(throws: ManifestError.self) { try ManifestDecoder.decodeAll(Self.list(20_000, broken: 15_123), source: "big.yaml") }
        #expect(error?.description.contains("items[15123]") == true, "\(String(describing: error))")
    }
}
