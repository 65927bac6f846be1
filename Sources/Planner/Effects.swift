import KubeModel
import Simulation

/// How each fault event changes the simulated cluster, and what that looks like in a plan.
public enum Effects {
    public static func apply(_ e: FaultEvent, to s: inout SimState) -> String {
        switch e {
        case .nodeFailure(let node):
            let evicted = s.failNode(node)
            let pending = s.pendingCount
            var r = "\(node) NotReady after \(Timing.nodeMonitorGrace) s; \(evicted.count) pod\(evicted.count == 1 ? "" : "s") evicted at \(Timing.nodeMonitorGrace + Timing.defaultUnreachableToleration) s"
            if pending > 0 { r += ", \(pending) pending" }
            return r
        case .zoneFailure(let zone):
            let nodes = s.nodes.filter { Self.zone(of: $0) == zone }.map(\.name)
            let evicted = nodes.flatMap { s.failNode($0) }
            let pending = s.pendingCount
            var r = "\(nodes.count) nodes of zone \(zone) NotReady after \(Timing.nodeMonitorGrace) s; \(evicted.count) pod\(evicted.count == 1 ? "" : "s") "
                + "evicted at \(Timing.nodeMonitorGrace + Timing.defaultUnreachableToleration) s"
            if pending > 0 { r += ", \(pending) pending" }
            return r
        case .nodeDrain(let node):
            let blocked = s.drainNode(node)
            return blocked.isEmpty ? "\(node) drained" : "drain of \(node) blocked by PodDisruptionBudgets for \(blocked.joined(separator: ", "))"
        case .autoscale(let workload, let replicas):
            guard let w = s.workloads.indices.first(where: { "\(s.workloads[$0].ref)" == workload }) else { return "\(workload) not found" }
            s.scale(w, to: replicas)
            let pending = s.livePods(of: w).filter { s.pods[$0].node == nil }.count
            return "\(workload) scaled to \(replicas) replicas" + (pending > 0 ? ", \(pending) pending" : "")
        case .dependencySlow(let component, let seconds):
            let restarts = Cascade.run(s, component: component, seconds: seconds)
            for r in restarts where r.kills.count >= 2 {
                s.setHealth(of: r.workload, .crashLoop, reason: "container \(r.container) is killed by its liveness probe at \(r.kills.map { "\($0) s" }.joined(separator: ", ")) because \(r.because)")
            }
            s.clock += seconds
            if restarts.isEmpty { return "\(component) slow for \(seconds) s; no liveness probe depends on it" }
            return restarts.map { r in
                "\(s.workloads[r.workload].ref.name) killed at \(r.kills.map { "\($0) s" }.joined(separator: ", ")) (\(r.because))"
            }.joined(separator: "; ")
        }
    }

    /// A node's zone: the well-known label, or the beta one older clusters still carry.
    public static func zone(of node: SimNode) -> String? {
        node.labels["topology.kubernetes.io/zone"] ?? node.labels["failure-domain.beta.kubernetes.io/zone"]
    }
}
