import KubeModel
import Simulation

/// An event the planner may inject: what production does to a cluster on a bad day.
public enum FaultEvent: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The node stops reporting: NotReady after the node monitor grace period, its pods
    /// evicted after their unreachable toleration (300 s by default).
    case nodeFailure(node: String)
    /// Every node of a zone (`topology.kubernetes.io/zone`) fails at once: a lost data
    /// centre, a network partition, a cloud zone outage. One event, as the cloud has it.
    case zoneFailure(zone: String)
    /// `kubectl drain`: cordon, then evict pods as the eviction API allows (PDBs honoured).
    case nodeDrain(node: String)
    /// A component answers slowly for a while (slow disk, leader election, compaction):
    /// probes that depend on it time out.
    case dependencySlow(component: String, seconds: Int)
    /// A HorizontalPodAutoscaler scales a workload to `replicas` (its maxReplicas: a busy
    /// hour, a retry storm); the workload is `Kind namespace/name`.
    case autoscale(workload: String, replicas: Int)

    public var action: String {
        switch self {
        case .nodeFailure: "NodeFailure"
        case .zoneFailure: "ZoneFailure"
        case .nodeDrain: "NodeDrain"
        case .dependencySlow: "DependencySlow"
        case .autoscale: "HPAScale"
        }
    }

    public var target: String {
        switch self {
        case .nodeFailure(let n), .nodeDrain(let n): n
        case .zoneFailure(let z): "zone \(z)"
        case .dependencySlow(let c, let s): "\(c) (\(s) s)"
        case .autoscale(let w, let n): "\(w) to \(n) replicas"
        }
    }

    public var description: String { "\(action)(\(target))" }

    /// When, after the event starts, its consequences have played out.
    public var settlesAfter: Int {
        switch self {
        case .nodeFailure, .zoneFailure: Timing.nodeMonitorGrace + Timing.defaultUnreachableToleration
        case .nodeDrain: 30
        case .dependencySlow(_, let s): s
        // The autoscaler's default scale-up: at most double (or 4 pods) every 15 s.
        case .autoscale: 60
        }
    }
}

/// Kubernetes' default timings the events use.
public enum Timing {
    /// kube-controller-manager `--node-monitor-grace-period` (40 s until v1.32, then 50 s).
    public static let nodeMonitorGrace = 40
    /// DefaultTolerationSeconds admission: not-ready/unreachable NoExecute for 300 s.
    public static let defaultUnreachableToleration = 300
    /// How long a "slow dependency" window lasts when the planner injects one: a slow-disk
    /// or compaction stall of a few minutes, as in the etcd outage of `shared/seed`.
    public static let dependencySlowSeconds = 300
}
