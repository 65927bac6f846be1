import Foundation
import Testing
import KubeModel
import ClusterState

/// The shared scenario corpus sits beside the repository (`<repo>/../shared`), both here and
/// in CI where the repository is cloned elsewhere.
enum ScenarioCorpus {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scenarios = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/scenarios")

    static var names: [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: scenarios.path)) ?? []
        return all.filter { name in
            var isDirectory: ObjCBool = false
            let cluster = scenarios.appendingPathComponent(name).appendingPathComponent("cluster").path
            return FileManager.default.fileExists(atPath: cluster, isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }
}

@Suite struct ScenarioCorpusTests {
    @Test func corpusIsPresent() {
        #expect(!ScenarioCorpus.names.isEmpty, "no scenarios under \(ScenarioCorpus.scenarios.path)")
    }

    @Test(arguments: ScenarioCorpus.names)
    func clusterLoads(scenario: String) throws {
        let folder = ScenarioCorpus.scenarios.appendingPathComponent(scenario)
        let snapshot = try Snapshot.load(directory: folder.appendingPathComponent("cluster"))
        #expect(snapshot.objects.contains { $0.kind == "Node" })
        #expect(!snapshot.summary.isEmpty)
        let proposed = try String(contentsOf: folder.appendingPathComponent("proposed.yaml"), encoding: .utf8)
        #expect(try Snapshot.parse(text: proposed, source: "\(scenario)/proposed.yaml").objects.count == 1)
    }
}
