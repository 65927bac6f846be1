import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `pkg/scheduler/framework/plugins/nodename/node_name_test.go`, `TestNodeName`. A snapshot
/// pod that names a node is bound already, so the pod under test comes from a Deployment
/// whose template names the node; the filter is asked on every node.
@Suite struct NodeNameTests {
    static let reason = Status.unresolvable("NodeName", "node(s) didn't match the requested node name")

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var nodeName: String?
        var nodes: [String]
        var want: [String: Status]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "TestNodeName: \"no host specified\"", nodeName: nil, nodes: ["foo"], want: [:]),
        Case(name: "TestNodeName: \"host matches\"", nodeName: "foo", nodes: ["foo", "bar"], want: ["bar": reason]),
        Case(name: "TestNodeName: \"host doesn't match\"", nodeName: "bar", nodes: ["foo"], want: ["foo": reason]),
    ]

    @Test(arguments: cases)
    func filter(_ c: Case) throws {
        let s = try Fixture.settled((c.nodes.map { Fixture.node($0) }
                                     + [Fixture.deployment("web", spec: c.nodeName.map { "nodeName: \($0)" } ?? "")]).joined(separator: "\n---\n"))
        let p = try #require(s.live("Deployment", "web").first)
        #expect(s.pods[p].shape.spec.nodeName == c.nodeName)
        let cycle = CycleState(pod: p, in: s)
        var got: [String: Status] = [:]
        for i in s.nodes.indices { if let st = NodeName().filter(cycle, NodeView(s, i), s) { got[s.nodes[i].name] = st } }
        #expect(got == c.want)
    }

    /// End to end: a template naming a node goes there, or, naming one the cluster lacks, nowhere.
    @Test func namedNodeIsUsed() throws {
        let s = try Fixture.settled(Fixture.node("foo"), Fixture.node("bar"), Fixture.deployment("web", replicas: 2, spec: "nodeName: bar"))
        #expect(s.live("Deployment", "web").map { s.nodeName(ofPod: $0) } == ["bar", "bar"])
    }
}
