import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `pkg/scheduler/framework/plugins/nodeports/node_ports_test.go`, `TestNodePorts`. Ports are
/// written as upstream's `newPod` does, "PROTOCOL/hostIP/hostPort".
@Suite struct NodePortsTests {
    static let reason = Status.unschedulable("NodePorts", "node(s) didn't have free ports for the requested pod ports")

    static func ports(_ specs: [String]) -> String {
        if specs.isEmpty { return "" }
        return "ports:\n" + specs.map { s in
            let f = s.split(separator: "/")
            return "- {containerPort: \(f[2]), hostPort: \(f[2]), hostIP: \"\(f[1])\", protocol: \(f[0])}"
        }.joined(separator: "\n")
    }
    /// The pod `p` asking for `wanted`, and one pod on machine1 holding `used`.
    static func row(_ name: String, _ wanted: [String], _ used: [String], conflict: Bool) -> FilterCase {
        var docs = [Fixture.node("machine1"), Fixture.pod("p", container: ports(wanted))]
        if !used.isEmpty { docs.append(Fixture.pod("m1", nodeName: "machine1", container: ports(used))) }
        return FilterCase("TestNodePorts: \"\(name)\"", docs, want: conflict ? ["machine1": reason] : [:])
    }

    static let cases: [FilterCase] = [
        row("nothing running", [], [], conflict: false),
        row("other port", ["UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/9090"], conflict: false),
        row("same udp port", ["UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/8080"], conflict: true),
        row("same tcp port", ["TCP/127.0.0.1/8080"], ["TCP/127.0.0.1/8080"], conflict: true),
        row("different host ip", ["TCP/127.0.0.1/8080"], ["TCP/127.0.0.2/8080"], conflict: false),
        row("different protocol", ["UDP/127.0.0.1/8080"], ["TCP/127.0.0.1/8080"], conflict: false),
        row("second udp port conflict", ["UDP/127.0.0.1/8000", "UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/8080"], conflict: true),
        row("first tcp port conflict", ["TCP/127.0.0.1/8001", "UDP/127.0.0.1/8080"], ["TCP/127.0.0.1/8001", "UDP/127.0.0.1/8081"], conflict: true),
        row("first tcp port conflict due to 0.0.0.0 hostIP", ["TCP/0.0.0.0/8001"], ["TCP/127.0.0.1/8001"], conflict: true),
        row("TCP hostPort conflict due to 0.0.0.0 hostIP", ["TCP/10.0.10.10/8001", "TCP/0.0.0.0/8001"], ["TCP/127.0.0.1/8001"], conflict: true),
        row("second tcp port conflict to 0.0.0.0 hostIP", ["TCP/127.0.0.1/8001"], ["TCP/0.0.0.0/8001"], conflict: true),
        row("second different protocol", ["UDP/127.0.0.1/8001"], ["TCP/0.0.0.0/8001"], conflict: false),
        row("UDP hostPort conflict due to 0.0.0.0 hostIP", ["UDP/127.0.0.1/8001"], ["TCP/0.0.0.0/8001", "UDP/0.0.0.0/8001"], conflict: true),
    ]

    @Test(arguments: cases)
    func filter(_ c: FilterCase) throws {
        #expect(try Harness.filter(NodePorts(), c) == c.want)
    }

    /// A port without hostIP is 0.0.0.0 (the API server's default), and without protocol TCP.
    @Test func defaultsOfAHostPort() throws {
        let c = FilterCase("model: hostPort 80 with no hostIP/protocol clashes with TCP/10.0.0.1/80",
                           [Fixture.node("machine1"), Fixture.pod("p", container: "ports:\n- {containerPort: 80, hostPort: 80}"),
                            Fixture.pod("m1", nodeName: "machine1", container: Self.ports(["TCP/10.0.0.1/80"]))],
                           want: ["machine1": Self.reason])
        #expect(try Harness.filter(NodePorts(), c) == c.want)
    }

    /// End to end: two replicas asking the same host port cannot share the one node.
    @Test func secondReplicaPendingMessage() throws {
        let s = try Fixture.settled(Fixture.node("n1"), Fixture.deployment("web", replicas: 2, container: "ports:\n- {containerPort: 80, hostPort: 80}"))
        #expect(s.scheduled("Deployment", "web") == 1)
        let p = try #require(s.pendingPods("Deployment", "web").first)
        #expect(s.pendingReasons[p] == "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")
    }
}
