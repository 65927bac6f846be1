import ArgumentParser
import Foundation
import Yams
import KubeModel
import Simulation

/// `premortem simulate`: what the controllers and the scheduler make of the proposed objects,
/// pod by pod, with no planner and no verdict. It is the engine's raw outcome, the one the
/// differential harness (Tests/Differential) compares with a real kube-scheduler.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show where every pod lands once the proposed objects are applied and the cluster settles.",
        discussion: """
        Prints every live pod (existing and made by the simulated controllers) with its node,
        or the scheduler's message when it fits nowhere; the pods preemption removed; and the
        pods a controller could not create. No faults are injected: see `plan` and `check`.
        """)

    @OptionGroup(title: "Cluster")
    var source: ClusterOptions

    @Option(name: .shortAndLong, help: "File with the proposed objects; - reads standard input. Without it the cluster is settled as it is.")
    var file: String?

    @Option(name: .shortAndLong, help: "Output format: text, yaml or json.")
    var output: OutputFormat = .text

    func run() async throws {
        guard let clusterSource = try source.source() else { throw ValidationError("give --cluster DIR, --kubeconfig FILE or --demo") }
        let cluster = try await clusterSource.load()
        let proposed: [KubeObject]
        do {
            proposed = try file.map(Input.read) ?? []
        } catch let e as ManifestError {
            throw InputFailure(message: e.description)
        }
        let outcome = SimulationOutcome.of(cluster, applying: proposed)
        switch output {
        case .json: print(try outcome.json())
        case .yaml: print(try outcome.yaml())
        case .text: print(outcome.text, terminator: "")
        }
    }
}

/// The settled cluster after the proposed objects, as `simulate` prints it.
struct SimulationOutcome: Encodable {
    struct Owner: Encodable, Hashable {
        var kind: String
        var namespace: String?
        var name: String
    }
    struct Pending: Encodable {
        var message: String
        var reasons: [String: Int]
    }
    struct PlacementInfo: Encodable {
        var feasibleNodes: Int
        var clear: Bool
    }
    struct ContainerResources: Encodable {
        var name: String
        var requests: [String: String]
        var limits: [String: String]
    }
    struct Pod: Encodable {
        var namespace: String
        var name: String
        var owner: Owner?
        var node: String?
        var phase: String
        var simulated: Bool
        var unschedulable: Pending?
        var placement: PlacementInfo?
        /// Requests and limits after defaulting and LimitRanger (requests include what the API
        /// server's defaulting copies from limits).
        var containers: [ContainerResources]
        /// `spec.overhead`, as RuntimeClass admission sets it.
        var overhead: [String: String]?
    }
    /// A controller's FailedCreate event: its message as the controller words it.
    struct FailedCreate: Encodable {
        var owner: Owner
        var message: String
    }
    /// A proposed object the API server itself refuses (the create call fails).
    struct Refused: Encodable {
        var kind: String
        var name: String
        var message: String
    }
    /// What the endpoints controller would list for a Service: ready pods and resolved ports.
    struct ServiceEndpoints: Encodable {
        var namespace: String
        var name: String
        var ready: Int
        var ports: [Int]
    }
    struct Preempted: Encodable {
        var namespace: String
        var name: String
        var owner: Owner?
        var node: String
        var by: Owner
    }
    struct Rejected: Encodable {
        var owner: Owner
        var message: String
    }
    struct NodeUse: Encodable {
        var name: String
        var pods: Int
        var milliCPU: Int64
        var memory: Int64
    }

    var nodes: [NodeUse]
    var pods: [Pod]
    var preempted: [Preempted]
    var rejected: [Rejected]
    var failedCreate: [FailedCreate]
    var refused: [Refused] = []
    var services: [ServiceEndpoints]

    /// Settles the cluster first, then applies the proposals to the settled state as the
    /// analyzer does, so this shows what `check` reasons about.
    static func of(_ cluster: Cluster, applying proposed: [KubeObject]) -> SimulationOutcome {
        var state = SimState(cluster)
        state.settle()
        state.markSettled()
        state.recordPlacements = true
        var after = cluster
        var rebuild = false
        var refused: [Refused] = []
        for o in proposed {
            let existing = after.objects[o.ref]
            if existing == nil, let why = ObjectAdmission.refusal(creating: o, in: after, quotas: ObjectCountQuota.quotas(in: after, namespace: o.ref.namespace)) {
                refused.append(Refused(kind: o.ref.kind, name: o.ref.name, message: why))
                continue
            }
            let change = Change(operation: existing == nil ? .create : .update, object: o, oldObject: existing)
            after.apply(change)
            if !rebuild && !state.apply(change) { rebuild = true }
        }
        if rebuild {
            state = SimState(after)
            state.recordPlacements = true
        }
        state.settle()
        var outcome = SimulationOutcome(state)
        outcome.refused = refused
        return outcome
    }

    init(_ s: SimState) {
        func owner(_ w: Int?) -> Owner? {
            // A bare pod is its own workload in the state, but has no owner.
            guard let w, s.workloads[w].ref.kind != "Pod" else { return nil }
            return Owner(kind: s.workloads[w].ref.kind, namespace: s.workloads[w].ref.namespace, name: s.workloads[w].ref.name)
        }
        nodes = s.nodes.indices.map { n in
            NodeUse(name: s.nodes[n].name, pods: s.nodePods[n].count, milliCPU: s.nodes[n].requested.milliCPU, memory: s.nodes[n].requested.memory)
        }
        pods = s.livePodIndices.map { i in
            let p = s.pods[i]
            let pending = s.unschedulable[i].map { Pending(message: $0.message, reasons: $0.reasons) }
                ?? (p.node == nil ? s.pendingReasons[i].map { Pending(message: $0, reasons: [:]) } : nil)
            return Pod(namespace: p.shape.namespace, name: s.name(of: i), owner: owner(p.owner), node: p.node.map { s.nodes[$0].name },
                       phase: p.node == nil ? "Pending" : "Running", simulated: p.simulated, unschedulable: pending,
                       placement: s.placements[i].map { PlacementInfo(feasibleNodes: $0.feasibleNodes, clear: $0.clear) },
                       containers: p.shape.spec.containers.map { c in
                           ContainerResources(name: c.name, requests: c.effectiveRequests.mapValues(\.description),
                                              limits: (c.resources?.limits ?? [:]).mapValues(\.description))
                       }, overhead: p.shape.spec.overhead?.mapValues(\.description))
        }
        .sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        preempted = []
        rejected = []
        failedCreate = []
        services = s.services.map { svc in
            let ready = s.endpointPods(svc)
            let ports = Set(ready.flatMap { i in (svc.spec?.ports ?? []).compactMap { SimState.resolvedPort($0, in: s.pods[i].shape.spec) } })
            return ServiceEndpoints(namespace: svc.metadata.namespace ?? "default", name: svc.metadata.nameOrEmpty, ready: ready.count,
                                    ports: ports.sorted())
        }
        for e in s.events {
            switch e {
            case .preempted(let victim, let namespace, let victimOwner, let node, let by, let preemptor):
                preempted.append(Preempted(namespace: namespace, name: victim, owner: owner(victimOwner), node: node,
                                           by: owner(by) ?? Owner(kind: "Pod", namespace: namespace, name: preemptor)))
            case .rejected(let w, let refusal):
                rejected.append(Rejected(owner: owner(w)!, message: refusal.message))
                let message = refusal.failedCreateMessage(owner: s.workloads[w].kind, ownerName: s.workloads[w].ref.name)
                failedCreate.append(FailedCreate(owner: owner(w)!, message: message))
            case .evicted:
                break
            }
        }
    }

    func json() throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(self), as: UTF8.self)
    }

    func yaml() throws -> String { try YAMLEncoder().encode(self) }

    var text: String {
        var out = ""
        for p in pods {
            let owner = p.owner.map { "\($0.kind)/\($0.name)" } ?? "-"
            let place = p.node ?? "Pending: \(p.unschedulable?.message ?? "waiting for the scheduler")"
            out += "\(p.namespace)/\(p.name)\t\(owner)\t\(place)\n"
        }
        for v in preempted { out += "preempted \(v.namespace)/\(v.name) on \(v.node) by \(v.by.kind)/\(v.by.name)\n" }
        for r in failedCreate { out += "FailedCreate \(r.owner.kind) \(r.owner.namespace ?? "")/\(r.owner.name): \(r.message)\n" }
        for r in refused { out += "refused \(r.kind) \(r.name): \(r.message)\n" }
        return out
    }
}
