import Foundation
import Testing
import KubeModel
@testable import ClusterState

@Suite struct DemoClusterTests {
    @Test func literalsParse() throws {
        // The same text through the throwing path, so a typo shows as an error, not a trap.
        for manifest in DemoCluster.manifests {
            #expect(try !ManifestDecoder.decodeAll(manifest.text, source: manifest.source).isEmpty)
        }
        for spec in DemoCluster.proposalSpecs {
            #expect(try ManifestDecoder.decodeAll(spec.manifest, source: spec.name).count == 1)
        }
        #expect(DemoCluster.objects.count > 20)
        #expect(DemoCluster.snapshot.summary
                == "3 nodes, 13 pods, 5 workloads")
    }

    @Test func nodes() {
        let nodes = DemoCluster.objects.compactMap { if case .node(let n) = $0 { n } else { nil } }
        #expect(nodes.map(\.name) == ["worker-1", "worker-2", "worker-3"])
        for node in nodes {
            #expect(node.isReady)
            #expect(node.allocatable["cpu"] == .milli(3920))
            #expect(node.allocatable["memory"]?.description == "15214628Ki")
            #expect(node.allocatable["pods"] == .units(110))
        }
    }

    @Test func namespaces() {
        let names = DemoCluster.objects.filter { $0.kind == "Namespace" }.compactMap(\.metadata.name)
        #expect(Set(names) == ["kube-system", "shop"])
    }

    @Test func podsAreRunningReadyAndOwned() {
        let refs = Set(DemoCluster.objects.map(\.ref))
        let byRef = Dictionary(DemoCluster.objects.map { ($0.ref, $0) }, uniquingKeysWith: { a, _ in a })
        let pods = DemoCluster.objects.compactMap { if case .pod(let p) = $0 { p } else { nil } }
        for pod in pods {
            let name = pod.metadata.nameOrEmpty
            #expect(pod.phase == "Running", "\(name)")
            #expect(pod.isReady, "\(name)")
            #expect(pod.spec.nodeName != nil, "\(name)")
            #expect(pod.status?.condition("Ready")?.lastTransitionTime != nil, "\(name)")
            #expect(pod.status?.containerStatuses?.first?.state?.running?.startedAt != nil, "\(name)")
            guard let owner = pod.metadata.controllerRef else { Issue.record("\(name) has no controller"); continue }
            let ownerRef = ObjectRef(kind: owner.kind, namespace: pod.metadata.namespace, name: owner.name)
            #expect(refs.contains(ownerRef), "\(name): owner \(ownerRef) missing")
            guard owner.kind == "ReplicaSet" else { continue }
            #expect(pod.metadata.labelsOrEmpty["pod-template-hash"].map { owner.name.hasSuffix("-" + $0) } == true, "\(name)")
            guard case .replicaSet(let rs)? = byRef[ownerRef], let deployment = rs.metadata.controllerRef else {
                Issue.record("\(owner.name) is not owned by a Deployment"); continue
            }
            #expect(deployment.kind == "Deployment")
            #expect(refs.contains(ObjectRef(kind: "Deployment", namespace: pod.metadata.namespace, name: deployment.name)))
        }
    }

    /// The arithmetic written next to the proposals, recomputed from the objects.
    @Test func freeCapacityMatchesTheComments() throws {
        var cpu: [String: Quantity] = [:], memory: [String: Quantity] = [:]
        for case .pod(let pod) in DemoCluster.objects {
            let node = try #require(pod.spec.nodeName)
            for c in pod.spec.containers {
                cpu[node, default: .zero] = cpu[node, default: .zero] + (c.effectiveRequests["cpu"] ?? .zero)
                memory[node, default: .zero] = memory[node, default: .zero] + (c.effectiveRequests["memory"] ?? .zero)
            }
        }
        let allocatableCPU = Quantity.milli(3920)
        let allocatableMemory = try Quantity(parsing: "15214628Ki")
        #expect((allocatableCPU - cpu["worker-1"]!).milliValue == 2170)
        #expect((allocatableCPU - cpu["worker-2"]!).milliValue == 1970)
        #expect((allocatableCPU - cpu["worker-3"]!).milliValue == 2070)
        #expect((allocatableMemory - memory["worker-1"]!).description == "6230052Ki")
        #expect((allocatableMemory - memory["worker-2"]!).description == "5967908Ki")
        #expect((allocatableMemory - memory["worker-3"]!).description == "6039588Ki")

        let thumbnailer = try request(of: "thumbnailer", "cpu")
        let fits = ["worker-1", "worker-2", "worker-3"].map { node in
            var n = 0
            while cpu[node]! + Quantity(nanos: thumbnailer.nanos * Int128(n + 1)) <= allocatableCPU { n += 1 }
            return n
        }
        #expect(fits == [1, 0, 1])

        let vectorIndex = try request(of: "vector-index", "memory")
        for node in ["worker-1", "worker-2", "worker-3"] {
            #expect(memory[node]! + vectorIndex > allocatableMemory)
            #expect(vectorIndex < allocatableMemory, "blocked by what runs, not by the node's size")
        }
    }

    private func request(of proposal: String, _ resource: String) throws -> Quantity {
        let p = try #require(DemoCluster.proposals.first { $0.name == proposal })
        return try #require(p.object.podTemplate?.spec.containers.first?.effectiveRequests[resource])
    }

    @Test func proposals() throws {
        #expect(DemoCluster.proposals.map(\.name) == ["catalog", "thumbnailer", "vector-index", "cart-liveness"])
        #expect(DemoCluster.proposals.map(\.expected) == ["allow", "warn", "deny", "deny"])
        let refs = Set(DemoCluster.objects.map(\.ref))
        for p in DemoCluster.proposals {
            #expect(p.object.kind == "Deployment")
            #expect(p.object.ref.namespace == "shop")
            #expect(!p.summary.isEmpty)
            // Only the cart proposal is an UPDATE; the others create new objects.
            #expect(refs.contains(p.object.ref) == (p.name == "cart-liveness"), "\(p.name)")
            for c in p.object.podTemplate?.spec.containers ?? [] {
                for probe in [c.readinessProbe, c.livenessProbe].compactMap({ $0 }) {
                    if let port = probe.namedPort { #expect(c.declaresPort(named: port), "\(p.name)") }
                }
            }
        }
    }

    /// The restart-loop proposal only makes sense if the cart pods show a start-to-Ready time
    /// well past the new liveness budget.
    @Test func cartEvidenceOutlastsTheNewLivenessBudget() throws {
        let cart = try #require(DemoCluster.proposals.first { $0.name == "cart-liveness" })
        let liveness = try #require(cart.object.podTemplate?.spec.containers.first?.livenessProbe)
        let budget = liveness.initialDelay + liveness.failures * liveness.period
        #expect(budget == 20)
        var durations: [Double] = []
        for case .pod(let pod) in DemoCluster.objects where pod.metadata.labelsOrEmpty["app"] == "cart" {
            #expect(pod.spec.containers.first?.livenessProbe == nil)
            let started = try #require(Timestamp.parse(pod.status?.containerStatuses?.first?.state?.running?.startedAt))
            let ready = try #require(Timestamp.parse(pod.status?.condition("Ready")?.lastTransitionTime))
            durations.append(ready.timeIntervalSince(started))
        }
        #expect(durations == [45, 46])
        #expect(durations.allSatisfy { $0 > Double(budget) * 2 })
        guard case .deployment(let current)? = DemoCluster.objects.first(where: { $0.ref == cart.object.ref }) else {
            Issue.record("shop/cart missing"); return
        }
        #expect(current.spec.template.spec.containers.first?.livenessProbe == nil)
        #expect(current.spec.template.spec.containers.first?.readinessProbe?.namedPort == "http")
    }
}
