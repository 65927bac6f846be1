import Testing
import Fixtures
import KubeModel
import Simulation
import Admission

/// A workload that needs a ConfigMap, Secret or ServiceAccount the cluster does not have is
/// a warn naming what is missing: it may still come later in the same apply.
@Suite struct MissingReferenceTests {
    static func configMap(_ name: String) -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \(name), namespace: default}\ndata: {a: b}"
    }

    static func serviceAccount(_ name: String) -> String {
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: \(name), namespace: default}"
    }

    static let web = Fixture.deployment("web", container: """
        envFrom:
        - configMapRef: {name: settings}
        """)

    func check(_ cluster: [String], _ proposed: [String]) throws -> [Checker.Result] {
        var checker = Checker(cluster: Cluster(objects: try cluster.flatMap(Fixture.objects)))
        return checker.check(try proposed.flatMap(Fixture.objects))
    }

    func missing(_ r: Checker.Result) -> [Finding] { r.report.findings.filter { $0.type == .rolloutStuck && $0.message.contains("not exist") } }

    @Test func missingConfigMapWarnsAndNamesIt() throws {
        let results = try check([Fixture.node("a"), Self.configMap("other")], [Self.web])
        let f = try #require(missing(results[0]).first, "\(results[0].report.findings)")
        #expect(f.severity == .warn)
        #expect(f.message.contains("ConfigMap default/settings"))
        #expect(results[0].report.verdict == .warn)
    }

    @Test func presentConfigMapIsFine() throws {
        let results = try check([Fixture.node("a"), Self.configMap("settings")], [Self.web])
        #expect(missing(results[0]).isEmpty)
        #expect(results[0].report.verdict == .allow)
    }

    @Test func configMapEarlierInTheSameApplyCounts() throws {
        let results = try check([Fixture.node("a"), Self.configMap("other")], [Self.configMap("settings"), Self.web])
        #expect(missing(results[1]).isEmpty, "\(results[1].report.findings)")
    }

    @Test func optionalReferenceIsFine() throws {
        let optional = Fixture.deployment("web", container: "envFrom:\n- configMapRef: {name: settings, optional: true}")
        let results = try check([Fixture.node("a"), Self.configMap("other")], [optional])
        #expect(missing(results[0]).isEmpty)
    }

    @Test func snapshotWithoutConfigMapsSaysNothing() throws {
        let results = try check([Fixture.node("a")], [Self.web])
        #expect(missing(results[0]).isEmpty)
    }

    @Test func missingServiceAccountAndSecretVolume() throws {
        let d = Fixture.deployment("web", spec: """
            serviceAccountName: builder
            volumes:
            - name: creds
              secret: {secretName: registry}
            """)
        let secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: unrelated, namespace: default}"
        let results = try check([Fixture.node("a"), Self.serviceAccount("default"), secret], [d])
        let f = try #require(missing(results[0]).first, "\(results[0].report.findings)")
        #expect(f.message.contains("Secret default/registry"))
        #expect(f.message.contains("ServiceAccount default/builder"))
    }

    @Test func defaultServiceAccountIsAlwaysThere() throws {
        let d = Fixture.deployment("web", spec: "serviceAccountName: default")
        let results = try check([Fixture.node("a"), Self.serviceAccount("other")], [d])
        #expect(missing(results[0]).isEmpty)
    }
}
