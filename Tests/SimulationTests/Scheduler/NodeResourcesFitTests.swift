import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `pkg/scheduler/framework/plugins/noderesources/fit_test.go`: `TestEnoughRequests`,
/// `TestNotEnoughRequests`, `TestStorageRequests`, on upstream's node
/// `makeResources(10, 20, 32, 5, 20, 5)`: 10m CPU, 20 bytes of memory, 32 pods, 5
/// `example.com/aaa`, 20 bytes of ephemeral storage, 5 `hugepages-2Mi`. The pod on the node
/// already holds `used`.
@Suite struct NodeResourcesFitTests {
    typealias R = [String: String]
    static let extended = "example.com/aaa"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var containers: [R]
        var initContainers: [R] = []
        var overhead: R? = nil
        var used: R = [:]
        var pods = "32"
        var reasons: [String] = []
        var testDescription: String { name }
    }

    static func requests(_ r: R) -> String {
        if r.isEmpty { return "" }
        let lines = r.sorted { $0.key < $1.key }.map { "    \($0.key): \"\($0.value)\"" }.joined(separator: "\n")
        // Extended resources must have limits equal to requests.
        return "\n  resources:\n    requests:\n" + Fixture.indent(lines, 2) + "\n    limits:\n" + Fixture.indent(lines, 2)
    }
    static func spec(_ containers: [R], initContainers: [R] = [], overhead: R? = nil) -> String {
        var out = "containers:"
        for (i, r) in containers.enumerated() { out += "\n- name: c\(i)\n  image: app" + requests(r) }
        if !initContainers.isEmpty {
            out += "\ninitContainers:"
            for (i, r) in initContainers.enumerated() { out += "\n- name: i\(i)\n  image: app" + requests(r) }
        }
        if let overhead {
            out += "\noverhead:"
            for (k, v) in overhead.sorted(by: { $0.key < $1.key }) { out += "\n  \(k): \"\(v)\"" }
        }
        return out
    }
    static func objects(_ c: Case) -> [String] {
        var docs = [Harness.node("machine1", allocatable: ["cpu": "10m", "memory": "20", "pods": c.pods, extended: "5",
                                                           "ephemeral-storage": "20", "hugepages-2Mi": "5"]),
                    Harness.rawPod("p", spec: spec(c.containers, initContainers: c.initContainers, overhead: c.overhead))]
        if !c.used.isEmpty || c.pods == "1" { docs.append(Harness.rawPod("existing", nodeName: "machine1", spec: spec([c.used]))) }
        return docs
    }

    static let cases: [Case] = [
        Case(name: "TestEnoughRequests: \"no resources requested always fits\"", containers: [[:]], used: ["cpu": "10m", "memory": "20"]),
        Case(name: "TestEnoughRequests: \"too many resources fails\"", containers: [["cpu": "1m", "memory": "1"]], used: ["cpu": "10m", "memory": "20"],
             reasons: ["Insufficient cpu", "Insufficient memory"]),
        Case(name: "TestEnoughRequests: \"too many resources fails due to init container cpu\"", containers: [["cpu": "1m", "memory": "1"]],
             initContainers: [["cpu": "3m", "memory": "1"]], used: ["cpu": "8m", "memory": "19"], reasons: ["Insufficient cpu"]),
        Case(name: "TestEnoughRequests: \"too many resources fails due to highest init container cpu\"", containers: [["cpu": "1m", "memory": "1"]],
             initContainers: [["cpu": "3m", "memory": "1"], ["cpu": "2m", "memory": "1"]], used: ["cpu": "8m", "memory": "19"], reasons: ["Insufficient cpu"]),
        Case(name: "TestEnoughRequests: \"too many resources fails due to init container memory\"", containers: [["cpu": "1m", "memory": "1"]],
             initContainers: [["cpu": "1m", "memory": "3"]], used: ["cpu": "9m", "memory": "19"], reasons: ["Insufficient memory"]),
        Case(name: "TestEnoughRequests: \"too many resources fails due to highest init container memory\"", containers: [["cpu": "1m", "memory": "1"]],
             initContainers: [["cpu": "1m", "memory": "3"], ["cpu": "1m", "memory": "2"]], used: ["cpu": "9m", "memory": "19"], reasons: ["Insufficient memory"]),
        Case(name: "TestEnoughRequests: \"init container fits because it's the max, not sum, of containers and init containers\"",
             containers: [["cpu": "1m", "memory": "1"]], initContainers: [["cpu": "1m", "memory": "1"]], used: ["cpu": "9m", "memory": "19"]),
        Case(name: "TestEnoughRequests: \"multiple init containers fit because it's the max, not sum, of containers and init containers\"",
             containers: [["cpu": "1m", "memory": "1"]], initContainers: [["cpu": "1m", "memory": "1"], ["cpu": "1m", "memory": "1"]], used: ["cpu": "9m", "memory": "19"]),
        Case(name: "TestEnoughRequests: \"both resources fit\"", containers: [["cpu": "1m", "memory": "1"]], used: ["cpu": "5m", "memory": "5"]),
        Case(name: "TestEnoughRequests: \"one resource memory fits\"", containers: [["cpu": "2m", "memory": "1"]], used: ["cpu": "9m", "memory": "5"],
             reasons: ["Insufficient cpu"]),
        Case(name: "TestEnoughRequests: \"one resource cpu fits\"", containers: [["cpu": "1m", "memory": "2"]], used: ["cpu": "5m", "memory": "19"],
             reasons: ["Insufficient memory"]),
        Case(name: "TestEnoughRequests: \"equal edge case\"", containers: [["cpu": "5m", "memory": "1"]], used: ["cpu": "5m", "memory": "19"]),
        Case(name: "TestEnoughRequests: \"equal edge case for init container\"", containers: [["cpu": "4m", "memory": "1"]],
             initContainers: [["cpu": "5m", "memory": "1"]], used: ["cpu": "5m", "memory": "19"]),
        Case(name: "TestEnoughRequests: \"extended resource fits\"", containers: [[extended: "1"]], used: [:]),
        Case(name: "TestEnoughRequests: \"extended resource fits for init container\"", containers: [[:]], initContainers: [[extended: "1"]], used: [:]),
        Case(name: "TestEnoughRequests: \"extended resource capacity enforced\"", containers: [[extended: "10"]], used: ["cpu": "0", "memory": "0"],
             reasons: ["Insufficient example.com/aaa"]),
        Case(name: "TestEnoughRequests: \"extended resource capacity enforced for init container\"", containers: [[:]], initContainers: [[extended: "10"]],
             used: ["cpu": "0", "memory": "0"], reasons: ["Insufficient example.com/aaa"]),
        Case(name: "TestEnoughRequests: \"extended resource allocatable enforced\"", containers: [[extended: "1"]], used: [extended: "5"],
             reasons: ["Insufficient example.com/aaa"]),
        Case(name: "TestEnoughRequests: \"extended resource allocatable enforced for multiple containers\"", containers: [[extended: "3"], [extended: "3"]],
             used: [extended: "2"], reasons: ["Insufficient example.com/aaa"]),
        Case(name: "TestEnoughRequests: \"extended resource allocatable admits multiple init containers\"", containers: [[:]],
             initContainers: [[extended: "3"], [extended: "3"]], used: [extended: "2"]),
        Case(name: "TestEnoughRequests: \"extended resource allocatable enforced for unknown resource\"", containers: [["example.com/bbb": "1"]],
             used: ["cpu": "0", "memory": "0"], reasons: ["Insufficient example.com/bbb"]),
        Case(name: "TestEnoughRequests: \"kubernetes.io resource capacity enforced\"", containers: [["kubernetes.io/something": "10"]],
             used: ["cpu": "0", "memory": "0"], reasons: ["Insufficient kubernetes.io/something"]),
        Case(name: "TestEnoughRequests: \"hugepages resource capacity enforced\"", containers: [["hugepages-2Mi": "10"]], used: ["cpu": "0", "memory": "0"],
             reasons: ["Insufficient hugepages-2Mi"]),
        Case(name: "TestEnoughRequests: \"hugepages resource allocatable enforced for multiple containers\"", containers: [["hugepages-2Mi": "3"], ["hugepages-2Mi": "3"]],
             used: ["hugepages-2Mi": "2"], reasons: ["Insufficient hugepages-2Mi"]),
        Case(name: "TestEnoughRequests: \"resources + pod overhead fits\"", containers: [["cpu": "1m", "memory": "1"]], overhead: ["cpu": "3m", "memory": "13"],
             used: ["cpu": "5m", "memory": "5"]),
        Case(name: "TestEnoughRequests: \"requests + overhead does not fit for memory\"", containers: [["cpu": "1m", "memory": "1"]], overhead: ["cpu": "1m", "memory": "15"],
             used: ["cpu": "5m", "memory": "5"], reasons: ["Insufficient memory"]),
        Case(name: "TestNotEnoughRequests: \"even without specified resources predicate fails when there's no space for additional pod\"",
             containers: [[:]], used: ["cpu": "10m", "memory": "20"], pods: "1", reasons: ["Too many pods"]),
        Case(name: "TestNotEnoughRequests: \"even if both resources fit predicate fails when there's no space for additional pod\"",
             containers: [["cpu": "1m", "memory": "1"]], used: ["cpu": "5m", "memory": "5"], pods: "1", reasons: ["Too many pods"]),
        Case(name: "TestNotEnoughRequests: \"even for equal edge case predicate fails when there's no space for additional pod\"",
             containers: [["cpu": "5m", "memory": "1"]], used: ["cpu": "5m", "memory": "19"], pods: "1", reasons: ["Too many pods"]),
        Case(name: "TestStorageRequests: \"due to container scratch disk\"", containers: [["cpu": "1m", "memory": "1"]], used: ["cpu": "10m", "memory": "10"],
             reasons: ["Insufficient cpu"]),
        Case(name: "TestStorageRequests: \"pod fit\"", containers: [["cpu": "1m", "memory": "1"]], used: ["cpu": "2m", "memory": "2"]),
        Case(name: "TestStorageRequests: \"storage ephemeral local storage request exceeds allocatable\"", containers: [["ephemeral-storage": "25"]],
             used: ["cpu": "2m", "memory": "2"], reasons: ["Insufficient ephemeral-storage"]),
        Case(name: "TestStorageRequests: \"pod fits\"", containers: [["ephemeral-storage": "10"]], used: ["cpu": "2m", "memory": "2"]),
        Case(name: "model: every shortfall is named, pods first, then cpu, memory, ephemeral-storage, extended resources",
             containers: [["cpu": "1m", "memory": "1", "ephemeral-storage": "21", extended: "6"]], used: ["cpu": "10m", "memory": "20"], pods: "1",
             reasons: ["Too many pods", "Insufficient cpu", "Insufficient memory", "Insufficient ephemeral-storage", "Insufficient example.com/aaa"]),
    ]

    @Test(arguments: cases)
    func filter(_ c: Case) throws {
        let fc = FilterCase(c.name, Self.objects(c), want: c.reasons.isEmpty ? [:] : ["machine1": Status(.unschedulable, c.reasons, plugin: "NodeResourcesFit")])
        #expect(try Harness.filter(NodeResourcesFit(), fc) == fc.want)
        // The scheduler's fast path must agree with the filter.
        let s = try Harness.state(fc.objects)
        let p = try #require(Harness.pod(s, "p"))
        let n = s.nodes[0]
        #expect(NodeResourcesFit.fits(s.pods[p].shape.request, n.allocatable, n.requested) == c.reasons.isEmpty)
    }

    /// End to end: the pending replica's message counts the reasons per node.
    @Test func insufficientCPUMessage() throws {
        let s = try Fixture.settled(Fixture.node("n1", cpu: "1"), Fixture.node("n2", cpu: "1"), Fixture.deployment("big", cpu: "2"))
        let p = try #require(s.pendingPods("Deployment", "big").first)
        #expect(s.pendingReasons[p] == "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.")
    }

    // `least_allocated_test.go`, `TestNodeResourcesLeastAllocated`: the Score of NodeResourcesFit
    // (cpu and memory, weight 1 each; memory in bytes).
    struct ScoreCase: Sendable, CustomTestStringConvertible {
        var name: String
        var objects: [String]
        var want: [String: Int64]
        var testDescription: String { name }
    }
    static func spec2(_ a: (String, String), _ b: (String, String)) -> String {
        "containers:\n- {name: a, image: app, resources: {requests: {cpu: \(a.0), memory: \"\(a.1)\"}}}\n- {name: b, image: app, resources: {requests: {cpu: \(b.0), memory: \"\(b.1)\"}}}"
    }
    static let cpuOnly = spec2(("1000m", "0"), ("2000m", "0")), cpuAndMemory = spec2(("1000m", "2000"), ("2000m", "3000"))
    static func machine(_ name: String, _ cpu: String, _ memory: String) -> String {
        Harness.node(name, allocatable: ["cpu": cpu, "memory": memory, "pods": "110"])
    }
    static let scoreCases: [ScoreCase] = [
        ScoreCase(name: "TestNodeResourcesLeastAllocated: \"nothing scheduled, resources requested, differently sized machines\"",
                  objects: [machine("machine1", "4", "10000"), machine("machine2", "6", "10000"), Harness.rawPod("p", spec: cpuAndMemory)],
                  want: ["machine1": 37, "machine2": 50]),
        ScoreCase(name: "TestNodeResourcesLeastAllocated: \"resources requested, pods scheduled with resources\"",
                  objects: [machine("machine1", "10", "20000"), machine("machine2", "10", "20000"),
                            Harness.rawPod("e1", nodeName: "machine1", spec: cpuOnly), Harness.rawPod("e2", nodeName: "machine2", spec: cpuAndMemory),
                            Harness.rawPod("p", spec: cpuAndMemory)],
                  want: ["machine1": 57, "machine2": 45]),
        ScoreCase(name: "TestNodeResourcesLeastAllocated: \"resources requested, pods scheduled with resources, differently sized machines\"",
                  objects: [machine("machine1", "10", "20000"), machine("machine2", "10", "50000"),
                            Harness.rawPod("e1", nodeName: "machine1", spec: cpuOnly), Harness.rawPod("e2", nodeName: "machine2", spec: cpuAndMemory),
                            Harness.rawPod("p", spec: cpuAndMemory)],
                  want: ["machine1": 57, "machine2": 60]),
        ScoreCase(name: "TestNodeResourcesLeastAllocated: \"requested resources exceed node capacity\"",
                  objects: [machine("machine1", "4", "10000"), machine("machine2", "4", "10000"),
                            Harness.rawPod("e1", nodeName: "machine1", spec: cpuOnly), Harness.rawPod("e2", nodeName: "machine2", spec: cpuAndMemory),
                            Harness.rawPod("p", spec: cpuOnly)],
                  want: ["machine1": 50, "machine2": 25]),
    ]

    @Test(arguments: scoreCases)
    func leastAllocatedScore(_ c: ScoreCase) throws {
        #expect(try Harness.scores(NodeResourcesFit(), c.objects) == c.want)
    }
}
