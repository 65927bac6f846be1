import KubeModel

/// Why the API server refused to create a pod: the step of the admission chain that did, and
/// its error as the API server words it.
public struct AdmissionRefusal: Sendable, Hashable {
    public enum Step: String, Sendable {
        case priority = "Priority"
        case runtimeClass = "RuntimeClass"
        case validation = "validation"
        case limitRanger = "LimitRanger"
        case podSecurity = "PodSecurity"
        case resourceQuota = "ResourceQuota"

        /// Whether a quota or LimitRange said no (a QuotaExceeded finding), not a rule that no
        /// quota change helps (RolloutStuck).
        public var isQuota: Bool { self == .limitRanger || self == .resourceQuota }
    }
    public var step: Step
    public var message: String
    /// The pod's name where the controller names it (a StatefulSet's ordinal pod); nil for
    /// names the API server generates.
    public var pod: String?
    /// The PersistentVolumeClaim whose create was refused, when the StatefulSet controller
    /// failed at making a pod's claims (`createPersistentVolumeClaims`), not the pod.
    public var claim: String?

    public init(step: Step, message: String, pod: String?, claim: String? = nil) {
        self.step = step; self.message = message; self.pod = pod; self.claim = claim
    }

    /// The status error the create call returns (`apierrors.NewForbidden`, `NewInvalid`).
    public func statusMessage(pod name: String) -> String {
        if let claim { return "failed to create PVC \(claim): persistentvolumeclaims \"\(claim)\" is forbidden: \(message)" }
        return step == .validation ? "Pod \"\(name)\" is invalid: \(message)" : "pods \"\(name)\" is forbidden: \(message)"
    }

    /// The FailedCreate event of the owner's controller: `Error creating: ...` from the
    /// ReplicaSet, Job and DaemonSet controllers (`controller_utils.go`), `create Pod NAME in
    /// StatefulSet SET failed error: ...` from the StatefulSet controller (`stateful_pod_control.go`).
    public func failedCreateMessage(owner: WorkloadKind, ownerName: String) -> String {
        if owner == .statefulSet, let pod {
            return "create Pod \(pod) in StatefulSet \(ownerName) failed error: " + statusMessage(pod: pod)
        }
        return "Error creating: " + statusMessage(pod: pod ?? "<pod>")
    }
}
