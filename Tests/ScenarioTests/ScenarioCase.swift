import Foundation
import Yams
import KubeModel
import ClusterState
import Admission
import Simulation

/// One folder of the scenario corpus: cluster/, proposed.yaml, expect.yaml.
struct ScenarioCase: Sendable, CustomStringConvertible {
    struct Expected: Decodable, Sendable {
        struct F: Decodable, Sendable { var type: String; var kind: String?; var name: String?; var namespace: String? }
        var verdict: String
        var operation: String?
        var findings: [F]?
    }

    let directory: URL
    var description: String { directory.lastPathComponent }

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every case in the public corpus (`../shared/scenarios`) and the project's own (`Tests/Scenarios`).
    static func all() -> [ScenarioCase] {
        let roots = [repoRoot.deletingLastPathComponent().appendingPathComponent("shared/scenarios"),
                     repoRoot.appendingPathComponent("Tests/Scenarios")]
        var out: [ScenarioCase] = []
        for root in roots {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
            for n in names.sorted() where FileManager.default.fileExists(atPath: root.appendingPathComponent(n).appendingPathComponent("expect.yaml").path) {
                out.append(ScenarioCase(directory: root.appendingPathComponent(n)))
            }
        }
        return out
    }

    func expected() throws -> Expected {
        let text = try String(contentsOf: directory.appendingPathComponent("expect.yaml"), encoding: .utf8)
        return try YAMLDecoder().decode(Expected.self, from: text)
    }

    func run() throws -> [Checker.Result] {
        let snapshot = try Snapshot.load(directory: directory.appendingPathComponent("cluster"))
        let text = try String(contentsOf: directory.appendingPathComponent("proposed.yaml"), encoding: .utf8)
        let proposed = try ManifestDecoder.decodeAll(text, source: "proposed.yaml")
        let op = try expected().operation.flatMap { Simulation.Operation(rawValue: $0) }
        var checker = Checker(cluster: .init(objects: snapshot.objects))
        return checker.check(proposed, operation: op == .delete ? .delete : nil)
    }
}
