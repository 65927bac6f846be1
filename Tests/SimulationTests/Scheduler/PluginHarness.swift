import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// A row of a per-plugin Filter table, after upstream's `*_test.go`: the cluster (nodes, the
/// pods already on them, and the pod under test, named `p`, pending) and, per node that the
/// plugin turns down, the status it must give. Nodes left out must pass.
struct FilterCase: Sendable, CustomTestStringConvertible {
    /// The upstream test function and case name (or "model:" for a row of ours).
    var name: String
    var objects: [String]
    var want: [String: Status]
    var testDescription: String { name }

    init(_ name: String, _ objects: [String], want: [String: Status] = [:]) {
        self.name = name; self.objects = objects; self.want = want
    }
}

enum Harness {
    /// One container with no requests, as upstream's `st.MakePod()` makes.
    static let container = "containers:\n- {name: app, image: app}"

    /// A state as the snapshot has it, not settled: pods without a node are pending.
    static func state(_ docs: [String]) throws -> SimState {
        SimState(Cluster(objects: try Fixture.objects(docs.joined(separator: "\n---\n"))))
    }

    static func pod(_ s: SimState, _ name: String) -> Int? {
        s.pods.indices.first { !s.pods[$0].terminal && s.name(of: $0) == name }
    }

    /// The default profile's PreFilters, in order, for pod `p`; the first refusal, if any.
    static func preFiltered(_ s: SimState, pod: Int) -> (CycleState, Status?) {
        var cycle = CycleState(pod: pod, in: s)
        for p in Profile.default.preFilters {
            if let st = p.preFilter(&cycle, s) { return (cycle, st) }
        }
        return (cycle, nil)
    }

    /// The plugin's Filter for pod `p` on every node, after the profile's PreFilters (when
    /// `preFilter`), as upstream's tests run PreFilter then Filter. A PreFilter refusal is
    /// reported on every node.
    static func filter(_ plugin: any FilterPlugin, _ c: FilterCase, preFilter: Bool = true) throws -> [String: Status] {
        let s = try state(c.objects)
        let p = try #require(pod(s, "p"), "no pod p in \(c.name)")
        #expect(!s.pods[p].isScheduled, "pod p must be pending")
        var cycle = CycleState(pod: p, in: s)
        if preFilter {
            let (cy, st) = preFiltered(s, pod: p)
            if let st { return Dictionary(uniqueKeysWithValues: s.nodes.map { ($0.name, st) }) }
            cycle = cy
        }
        var out: [String: Status] = [:]
        for i in s.nodes.indices {
            if let st = plugin.filter(cycle, NodeView(s, i), s) { out[s.nodes[i].name] = st }
        }
        return out
    }

    /// The plugin's normalised scores for pod `p` over `nodes` (all nodes when nil), in order,
    /// the way `selectHost` works them out (PreScore, Score, NormalizeScore).
    static func scores(_ plugin: any ScorePlugin, _ objects: [String], nodes: [String]? = nil, v120: Bool = false) throws -> [String: Int64] {
        let s = try state(objects)
        let p = try #require(pod(s, "p"))
        var cycle = CycleState(pod: p, in: s)
        let feasible = nodes.map { $0.compactMap { s.nodeIndex[$0] } } ?? Array(s.nodes.indices)
        plugin.preScore(&cycle, feasible: feasible, s)
        var raw = feasible.map { v120 ? plugin.scoreV120(cycle, node: $0, s) : plugin.score(cycle, node: $0, s) }
        plugin.normalize(&raw, nodes: feasible, cycle)
        return Dictionary(uniqueKeysWithValues: zip(feasible.map { s.nodes[$0].name }, raw))
    }

    /// A node with exactly this allocatable (quantities as the API writes them).
    static func node(_ name: String, allocatable: [String: String] = ["cpu": "4", "memory": "8Gi", "pods": "110"],
                     labels: [String: String] = [:], hostname: Bool = true, taints: String? = nil, unschedulable: Bool = false) -> String {
        var out = """
            apiVersion: v1
            kind: Node
            metadata:
              name: \(name)
              labels:
            """
        if hostname { out += "\n    kubernetes.io/hostname: \(name)" }
        for (k, v) in labels.sorted(by: { $0.key < $1.key }) { out += "\n    \(k): \"\(v)\"" }
        out += "\nspec:\n  unschedulable: \(unschedulable)"
        if let taints { out += "\n  taints:\n" + Fixture.indent(taints, 2) }
        out += "\nstatus:\n  allocatable:"
        for (k, v) in allocatable.sorted(by: { $0.key < $1.key }) { out += "\n    \(k): \"\(v)\"" }
        out += "\n  conditions:\n  - type: Ready\n    status: \"True\""
        return out
    }

    /// A bare pod with the given spec body (unindented YAML, `containers` included).
    static func rawPod(_ name: String, nodeName: String? = nil, namespace: String = "default",
                       labels: [String: String] = [:], spec: String) -> String {
        var out = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: \(name)
              namespace: \(namespace)
            """
        if !labels.isEmpty {
            out += "\n  labels:"
            for (k, v) in labels.sorted(by: { $0.key < $1.key }) { out += "\n    \(k): \"\(v)\"" }
        }
        out += "\nspec:\n"
        if let nodeName { out += "  nodeName: \(nodeName)\n" }
        out += Fixture.indent(spec, 2)
        return out
    }
}
