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
    /// The template's fingerprint before LimitRange defaults, where the namespace has
    /// LimitRanges: pods made under another LimitRange still belong to the revision.
    public var undefaultedFingerprint: PodFingerprint?
    /// `OnDelete` (StatefulSet, DaemonSet): a template change replaces no pod; only pods
    /// made after a deletion get it.
    public var onDelete: Bool = false
    /// The shape a DaemonSet controller judges nodes by, where it differs from `template`: the
    /// template as written, before RuntimeClass admission adds its node selector and
    /// tolerations (`nodeShouldRunDaemonPod`, `pkg/controller/daemon/daemon_controller.go`).
    public var daemonNodes: PodShape?
    /// A DaemonSet's `rollingUpdate` (maxUnavailable 1 and maxSurge 0 by default), scaled
    /// against the nodes that should run it.
    public var daemonUpdate: RollingUpdateStrategy?
    /// A StatefulSet's volume claim templates: the controller creates each pod's claims first.
    public var claimTemplates: [VolumeClaimTemplate] = []
    /// A Job's `backoffLimit`: the failed pods after which the Job controller marks it Failed.
    public var backoffLimit: Int?
    /// StatefulSet `rollingUpdate.partition`: ordinals below it keep the old revision.
    public var partition: Int = 0

    /// Whether the controller replaces no running pod for a template change, so that only the
    /// pods it makes after a deletion get the new template: OnDelete, a StatefulSet partition
    /// at or above replicas, a paused Deployment.
    public var holdsUpdates: Bool { onDelete || paused || (kind == .statefulSet && partition >= replicas) }

    /// How many pods a finished rollout has of the new template: a StatefulSet's ordinals from
    /// the partition up.
    public var updatedReplicas: Int { kind == .statefulSet ? max(0, replicas - partition) : replicas }

    /// Whether a pod of this fingerprint belongs to the template's revision. Controllers hash
    /// the template, not the pods (`pod-template-hash`, `controller-revision-hash`), so a pod
    /// that differs from the template only by requests and limits a LimitRange filled in is
    /// current, whatever LimitRange is in force now.
    public func isCurrent(_ f: PodFingerprint) -> Bool {
        if f == templateFingerprint { return true }
        return undefaultedFingerprint.map { f.isDefaulted(from: $0) } ?? false
    }
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
