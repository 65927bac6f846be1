public struct RollingUpdateDeployment: Sendable, Hashable, Codable {
    public var maxSurge: IntOrString?
    public var maxUnavailable: IntOrString?
}

public struct DeploymentStrategy: Sendable, Hashable, Codable {
    public var type: String?
    public var rollingUpdate: RollingUpdateDeployment?
}

public struct DeploymentSpec: Sendable, Hashable, Codable {
    public var replicas: Int?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
    public var strategy: DeploymentStrategy?
    public var paused: Bool?
    public var progressDeadlineSeconds: Int?
    public var minReadySeconds: Int?
}

/// Deployment with `apps/v1` defaults: replicas 1, RollingUpdate 25%/25%, deadline 600 s.
public struct Deployment: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec

    public var replicas: Int { spec.replicas ?? 1 }
    public var isRecreate: Bool { spec.strategy?.type == "Recreate" }
    public var maxSurge: IntOrString { spec.strategy?.rollingUpdate?.maxSurge ?? .string("25%") }
    public var maxUnavailable: IntOrString { spec.strategy?.rollingUpdate?.maxUnavailable ?? .string("25%") }
    public var progressDeadline: Int { spec.progressDeadlineSeconds ?? 600 }
}

public struct ReplicaSetSpec: Sendable, Hashable, Codable {
    public var replicas: Int?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?
}

public struct ReplicaSet: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ReplicaSetSpec
    public var replicas: Int { spec.replicas ?? 1 }
}

public struct StatefulSetSpec: Sendable, Hashable, Codable {
    public var replicas: Int?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
    public var serviceName: String?
    public var podManagementPolicy: String?
}

public struct StatefulSet: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: StatefulSetSpec
    public var replicas: Int { spec.replicas ?? 1 }
}

public struct DaemonSetSpec: Sendable, Hashable, Codable {
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
}

public struct DaemonSet: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DaemonSetSpec
}

public struct JobSpec: Sendable, Hashable, Codable {
    public var parallelism: Int?
    public var completions: Int?
    public var backoffLimit: Int?
    public var template: PodTemplateSpec
}

/// Job with `batch/v1` defaults: parallelism 1, backoffLimit 6.
public struct Job: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JobSpec
    public var parallelism: Int { spec.parallelism ?? 1 }
    public var backoffLimit: Int { spec.backoffLimit ?? 6 }
    /// Pods running at once: never more than the completions still owed.
    public var activePods: Int { min(parallelism, spec.completions ?? parallelism) }
}

public struct JobTemplateSpec: Sendable, Hashable, Codable {
    public var metadata: ObjectMeta?
    public var spec: JobSpec
}

public struct CronJobSpec: Sendable, Hashable, Codable {
    public var schedule: String
    public var suspend: Bool?
    public var jobTemplate: JobTemplateSpec
}

public struct CronJob: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: CronJobSpec
}
