import Foundation
import KubeModel
import ClusterState
import Simulation

/// A folder of the public scenario corpus (`../shared/scenarios/<name>`).
struct Scenario {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/scenarios")

    let directory: URL
    init(_ name: String) { directory = Self.corpus.appendingPathComponent(name) }

    func cluster() throws -> Cluster {
        Cluster(objects: try Snapshot.load(directory: directory.appendingPathComponent("cluster")).objects)
    }

    func proposed() throws -> [KubeObject] {
        let text = try String(contentsOf: directory.appendingPathComponent("proposed.yaml"), encoding: .utf8)
        return try ManifestDecoder.decodeAll(text, source: "proposed.yaml")
    }
}
