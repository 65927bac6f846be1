import KubeModel

public enum WorkloadKind: String, Sendable {
    case deployment = "Deployment"
    case replicaSet = "ReplicaSet"
    case statefulSet = "StatefulSet"
    case daemonSet = "DaemonSet"
    case job = "Job"
    /// A pod with no controller: nothing recreates it.
    case barePod = "Pod"
    /// A static pod run by the kubelet from a manifest file; its API object is a mirror.
    case staticPod = "StaticPod"
}

/// A controller and the template its new pods come from.
public struct SimWorkload: Sendable {
    public static let maxSimulatedReplicas = 2_000

    public var ref: ObjectRef
    public var kind: WorkloadKind
    /// Seconds a Deployment's rollout may take (`progressDeadlineSeconds`).
    public var progressDeadline: Int?
    public var selector: LabelSelector?
    public var replicas: Int
    /// The shape new pods get; nil for bare and static pods.
    public var template: PodShape?
    public var templateFingerprint: PodFingerprint? { template?.fingerprint }
    public var maxSurge: Int = 0
    public var maxUnavailable: Int = 1
    public var recreate: Bool = false
    public var paused: Bool = false
    public var orderedReady: Bool = true
    /// What the kubelet will make of new pods from the template.
    public var newPodHealth: PodHealth = .ready
    public var newPodReason: String?
    /// The annotations on the object and its template, where users state evidence.
    public var annotations: [String: String] = [:]
}
