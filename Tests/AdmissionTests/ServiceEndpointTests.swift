import Testing
import Fixtures
import KubeModel
import Simulation
import Admission

/// Endpoints as the endpoints controllers make them: a named targetPort is resolved in each
/// pod's containers, and a pod that does not declare it serves nothing.
@Suite struct ServiceEndpointTests {
    static func web(port: String) -> String {
        Fixture.deployment("web", replicas: 2, container: "ports: [{name: \(port), containerPort: 8080}]")
    }

    func endpoints(_ docs: [String]) throws -> Int {
        let s = try Fixture.settled(docs.joined(separator: "\n---\n"))
        let svc = try #require(s.services.first)
        return s.readyEndpoints(svc)
    }

    @Test(arguments: [
        // (service targetPort, container port name, endpoints)
        ("http", "http", 2),    // the named port is declared
        ("http", "web", 0),     // not declared: FindPort fails, no endpoint
        ("8080", "web", 2),     // a number needs no name
    ])
    func namedTargetPort(_ c: (String, String, Int)) throws {
        #expect(try endpoints([Fixture.node("a"), Fixture.service(targetPort: c.0), Self.web(port: c.1)]) == c.2)
    }

    @Test func renamingThePortEmptiesTheService() throws {
        let cluster = Cluster(objects: try [Fixture.node("a"), Fixture.node("b"), Fixture.service(targetPort: "http"), Self.web(port: "http")]
            .flatMap(Fixture.objects))
        var checker = Checker(cluster: cluster)
        let results = checker.check(try Fixture.objects(Self.web(port: "web")), operation: .update)
        let outage = try #require(results[0].report.findings.first { $0.type == .serviceOutage }, "\(results[0].report.findings)")
        #expect(outage.severity == .deny)
        #expect(outage.message.contains("from 2 ready endpoints to 0"), "\(outage.message)")
    }

    @Test func publishNotReadyAddressesCountsPodsThatAreNotReady() throws {
        let neverReady = Fixture.deployment("web", replicas: 2, container: """
            ports: [{name: http, containerPort: 8080}]
            readinessProbe: {httpGet: {path: /, port: admin}}
            """)
        #expect(try endpoints([Fixture.node("a"), Fixture.service(targetPort: "http"), neverReady]) == 0)
        #expect(try endpoints([Fixture.node("a"), Fixture.service(targetPort: "http", publishNotReadyAddresses: true), neverReady]) == 2)
    }
}
