import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// Score plugins without a filter: `noderesources/balanced_allocation_test.go`
/// (`TestNodeResourcesBalancedAllocation`) and `imagelocality/image_locality_test.go`
/// (`TestImageLocalityPriority`).
@Suite struct ScoringPluginsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var objects: [String]
        var want: [String: Int64]
        var v120: Bool = false
        var testDescription: String { name }
    }

    /// upstream's `cpuAndMemory` pod: 1000m/2000 and 2000m/3000 (memory in bytes).
    static let cpuAndMemory = Harness.rawPod("p", spec: """
        containers:
        - {name: a, image: app, resources: {requests: {cpu: 1000m, memory: "2000"}}}
        - {name: b, image: app, resources: {requests: {cpu: 2000m, memory: "3000"}}}
        """)
    static func machine(_ name: String, cpu: String, memory: String) -> String {
        Harness.node(name, allocatable: ["cpu": cpu, "memory": memory, "pods": "110"])
    }

    static let balancedCases: [Case] = [
        // A best-effort pod: v1.20's table; current upstream skips the plugin for it (`bestEffortPodIsSkipped`).
        Case(name: "TestNodeResourcesBalancedAllocation (v1.20): \"nothing scheduled, nothing requested\"",
             objects: [machine("machine1", cpu: "4", memory: "10000"), machine("machine2", cpu: "4", memory: "10000"), Harness.rawPod("p", spec: Harness.container)],
             want: ["machine1": 100, "machine2": 100]),
        Case(name: "TestNodeResourcesBalancedAllocation: \"nothing scheduled, resources requested, differently sized machines\"",
             objects: [machine("machine1", cpu: "4", memory: "10000"), machine("machine2", cpu: "6", memory: "10000"), cpuAndMemory],
             want: ["machine1": 87, "machine2": 100]),
        // v1.20's table had 75 for machine1: 1 − |0.75 − 0.5|.
        Case(name: "TestNodeResourcesBalancedAllocation (v1.20): \"nothing scheduled, resources requested, differently sized machines\"",
             objects: [machine("machine1", cpu: "4", memory: "10000"), machine("machine2", cpu: "6", memory: "10000"), cpuAndMemory],
             want: ["machine1": 75, "machine2": 100], v120: true),
    ]

    @Test(arguments: balancedCases)
    func balancedAllocation(_ c: Case) throws {
        #expect(try Harness.scores(BalancedAllocation(), c.objects, v120: c.v120) == c.want)
    }

    /// Current upstream `balanced_allocation.go` PreScore: a pod that requests nothing
    /// (`isBestEffortPod`) returns Skip, so BalancedAllocation scores every node alike (0)
    /// instead of preferring nodes whose existing usage is balanced
    /// (kubernetes/kubernetes#129138).
    @Test(.disabled("reason: divergence — BalancedAllocation still scores best-effort pods, which current upstream skips (see report)"))
    func bestEffortPodIsSkipped() throws {
        let used = Harness.rawPod("e", nodeName: "machine1", spec: "containers:\n- {name: a, image: app, resources: {requests: {cpu: 2000m, memory: \"0\"}}}")
        let docs = [Self.machine("machine1", cpu: "4", memory: "10000"), Self.machine("machine2", cpu: "4", memory: "10000"), used,
                    Harness.rawPod("p", spec: Harness.container)]
        #expect(try Harness.scores(BalancedAllocation(), docs) == ["machine1": 0, "machine2": 0])
    }

    static let mb = 1024 * 1024
    static let imageNodes = [
        Harness.node("machine1") + "\n  images:\n  - {names: [\"gcr.io/40:latest\"], sizeBytes: \(40 * mb)}\n  - {names: [\"gcr.io/300:latest\"], sizeBytes: \(300 * mb)}\n  - {names: [\"gcr.io/2000:latest\"], sizeBytes: \(2000 * mb)}",
        Harness.node("machine2") + "\n  images:\n  - {names: [\"gcr.io/250:latest\"], sizeBytes: \(250 * mb)}\n  - {names: [\"gcr.io/10:latest\"], sizeBytes: \(10 * mb)}",
    ]
    static let node400030 = Harness.node("machine1") + "\n  images:\n  - {names: [\"gcr.io/4000:latest\"], sizeBytes: \(4000 * mb)}\n  - {names: [\"gcr.io/30:latest\"], sizeBytes: \(30 * mb)}"
    static func images(_ names: [String]) -> String {
        Harness.rawPod("p", spec: "containers:" + names.enumerated().map { "\n- {name: c\($0.offset), image: \"\($0.element)\"}" }.joined())
    }

    static let imageCases: [Case] = [
        Case(name: "TestImageLocalityPriority: \"two images spread on two nodes, prefer the larger image one\"",
             objects: imageNodes + [images(["gcr.io/40", "gcr.io/250"])], want: ["machine1": 0, "machine2": 5]),
        Case(name: "TestImageLocalityPriority: \"two images on one node, prefer this node\"",
             objects: imageNodes + [images(["gcr.io/40", "gcr.io/300"])], want: ["machine1": 7, "machine2": 0]),
        Case(name: "TestImageLocalityPriority: \"if exceed limit, use limit\"",
             objects: [node400030, imageNodes[1], images(["gcr.io/10", "gcr.io/4000"])], want: ["machine1": 100, "machine2": 0]),
        Case(name: "TestImageLocalityPriority: \"if exceed limit, use limit (with node which has no images present)\"",
             objects: [node400030, imageNodes[1], Harness.node("machine3"), images(["gcr.io/10", "gcr.io/4000"])],
             want: ["machine1": 66, "machine2": 0, "machine3": 0]),
        Case(name: "model: an image on no node scores 0 everywhere",
             objects: imageNodes + [images(["gcr.io/none"])], want: ["machine1": 0, "machine2": 0]),
    ]

    @Test(arguments: imageCases)
    func imageLocality(_ c: Case) throws {
        #expect(try Harness.scores(ImageLocality(), c.objects) == c.want)
    }

    /// Current upstream `image_locality.go` Score: `sumImageScores(nodeInfo, pod, ...)` sums the
    /// init containers' images too, and `calculatePriority` scales by
    /// `len(pod.Spec.InitContainers)+len(pod.Spec.Containers)`. Init gcr.io/300 and container
    /// gcr.io/40 on machine1 (one node of two): (20MB + 150MB − 23MB) × 100 / (2000MB − 23MB) = 7.
    @Test(.disabled("reason: divergence — ImageLocality ignores init containers' images (see report)"))
    func initContainerImagesCount() throws {
        let p = Harness.rawPod("p", spec: "initContainers:\n- {name: init, image: \"gcr.io/300\"}\ncontainers:\n- {name: c0, image: \"gcr.io/40\"}")
        #expect(try Harness.scores(ImageLocality(), Self.imageNodes + [p]) == ["machine1": 7, "machine2": 0])
    }
}
