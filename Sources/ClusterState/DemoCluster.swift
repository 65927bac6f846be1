import KubeModel

/// A change to try against the demo cluster, and the verdict a careful engineer would give.
public struct DemoProposal: Sendable {
    public let name: String
    /// "allow", "warn" or "deny".
    public let expected: String
    public let summary: String
    public let object: KubeObject
    /// The manifest as a user would `kubectl apply` it.
    public let manifest: String
}

/// A small shop cluster compiled into the binary, so that `premortem demo` works on a copied
/// executable with no files beside it. The literals are `kubectl get -o yaml` output, parsed
/// on first use.
public enum DemoCluster {
    /// The files the literals stand for, in load order.
    public static let manifests: [(source: String, text: String)] = [
        ("demo/nodes.yaml", nodesYAML),
        ("demo/pods.yaml", podsYAML),
        ("demo/workloads.yaml", workloadsYAML),
    ]

    public static let snapshot: Snapshot = {
        var objects: [KubeObject] = []
        for manifest in manifests { objects += parse(manifest.text, source: manifest.source) }
        return Snapshot(objects: objects, files: manifests.map(\.source))
    }()

    public static var objects: [KubeObject] { snapshot.objects }

    public static let proposals: [DemoProposal] = proposalSpecs.map { spec in
        let parsed = parse(spec.manifest, source: "demo/proposals/\(spec.name).yaml")
        precondition(parsed.count == 1, "a demo proposal holds exactly one object")
        return DemoProposal(name: spec.name, expected: spec.expected, summary: spec.summary,
                            object: parsed[0], manifest: spec.manifest)
    }

    /// The literals are fixed at compile time and a test parses every one of them, so a
    /// failure here is a programming error, not bad input.
    private static func parse(_ text: String, source: String) -> [KubeObject] {
        try! ManifestDecoder.decodeAll(text, source: source)
    }
}
