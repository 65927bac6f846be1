import Testing
import Admission
import KubeModel

/// Runs every scenario folder (public corpus and the project's own) through the checker and
/// compares with its expect.yaml: the verdict must match, every listed finding must be
/// reported, and no finding may be more severe than the verdict.
@Suite struct ScenarioTests {
    @Test(arguments: ScenarioCase.all())
    func scenario(_ c: ScenarioCase) throws {
        let expected = try c.expected()
        let results = try c.run()
        let verdict = Checker.verdict(results)
        let findings = results.flatMap(\.report.findings)
        let summary = findings.map { "\($0.severity.rawValue) \($0.type.rawValue) \($0.object): \($0.message)" }.joined(separator: "\n")
        #expect(verdict.rawValue == expected.verdict, "\(c): got \(verdict.rawValue)\n\(summary)")
        for f in expected.findings ?? [] {
            let hit = findings.contains { got in
                got.type.rawValue == f.type
                    && (f.kind == nil || got.object.kind == f.kind)
                    && (f.name == nil || got.object.name == f.name)
                    && (f.namespace == nil || got.object.namespace == f.namespace)
            }
            #expect(hit, "\(c): missing \(f.type) \(f.kind ?? "") \(f.namespace ?? "")/\(f.name ?? "")\n\(summary)")
        }
        #expect(!findings.contains { $0.severity > verdict }, "\(c): a finding is more severe than the verdict")
    }

    @Test func corpusIsFound() {
        #expect(ScenarioCase.all().count >= 12, "the public scenario corpus at ../shared/scenarios was not found")
    }
}
