public struct RollingUpdateDeployment: Sendable, Hashable, Encodable {
    public var maxSurge: IntOrString?
    public var maxUnavailable: IntOrString?
}

public struct DeploymentStrategy: Sendable, Hashable, Encodable {
    public var type: String?
    public var rollingUpdate: RollingUpdateDeployment?
}

public struct DeploymentSpec: Sendable, Hashable, Encodable {
    public var replicas: Int?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
    public var strategy: DeploymentStrategy?
    public var paused: Bool?
    public var progressDeadlineSeconds: Int?
    public var minReadySeconds: Int?
}

/// Deployment with `apps/v1` defaults: replicas 1, RollingUpdate 25%/25%, deadline 600 s.
public struct Deployment: Sendable, Hashable, Encodable {
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

public struct ReplicaSetSpec: Sendable, Hashable, Encodable {
    public var replicas: Int?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?
    public var minReadySeconds: Int?
}

public struct ReplicaSet: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ReplicaSetSpec
    public var replicas: Int { spec.replicas ?? 1 }
}

/// `partition` and `maxUnavailable` of a RollingUpdate (StatefulSet) or `maxUnavailable` and
/// `maxSurge` (DaemonSet).
public struct RollingUpdateStrategy: Sendable, Hashable, Encodable {
    public var partition: Int?
    public var maxUnavailable: IntOrString?
    public var maxSurge: IntOrString?
}

public struct UpdateStrategy: Sendable, Hashable, Encodable {
    /// `RollingUpdate` (default) or `OnDelete`.
    public var type: String?
    public var rollingUpdate: RollingUpdateStrategy?
    public var isOnDelete: Bool { type == "OnDelete" }
}

/// A StatefulSet's volume claim template: each pod gets a claim `<name>-<set>-<ordinal>`.
public struct VolumeClaimTemplate: Sendable, Hashable {
    public var name: String
    public var storageClassName: String?
    /// `spec.resources.requests.storage`: what LimitRanger's PersistentVolumeClaim items judge.
    public var storage: Quantity?
}

public struct StatefulSetSpec: Sendable, Hashable, Encodable {
    public var replicas: Int?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
    public var serviceName: String?
    public var podManagementPolicy: String?
    public var updateStrategy: UpdateStrategy?
    public var minReadySeconds: Int?
    public var volumeClaimTemplates: [VolumeClaimTemplate]?
}

public struct StatefulSet: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: StatefulSetSpec
    public var replicas: Int { spec.replicas ?? 1 }
}

public struct DaemonSetSpec: Sendable, Hashable, Encodable {
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
    public var updateStrategy: UpdateStrategy?
    public var minReadySeconds: Int?
}

public struct DaemonSet: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DaemonSetSpec
}

/// One rule of a Job's `podFailurePolicy`, reduced to exit codes.
public struct PodFailurePolicyRule: Sendable, Hashable {
    /// `FailJob`, `Ignore`, `Count` or `FailIndex`.
    public var action: String
    public var containerName: String?
    /// `In` or `NotIn`.
    public var exitCodeOperator: String?
    public var exitCodes: [Int]?
    /// Pod condition types the rule matches (`DisruptionTarget`).
    public var conditionTypes: [String]?
}

public struct JobSpec: Sendable, Hashable {
    public var parallelism: Int?
    public var completions: Int?
    public var backoffLimit: Int?
    public var activeDeadlineSeconds: Int?
    public var suspend: Bool?
    public var podFailurePolicy: [PodFailurePolicyRule]?
    public var template: PodTemplateSpec
}

public struct JobStatus: Sendable, Hashable, Encodable {
    public var active: Int?
    public var succeeded: Int?
    public var failed: Int?
    /// `Complete` or `Failed` when the Job has finished.
    public var finished: String?
}

/// Job with `batch/v1` defaults: parallelism 1, completions 1 (when parallelism is unset too),
/// backoffLimit 6 (`pkg/apis/batch/v1/defaults.go`).
public struct Job: Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JobSpec
    public var status: JobStatus?
    public var parallelism: Int { spec.parallelism ?? 1 }
    public var backoffLimit: Int { spec.backoffLimit ?? 6 }
    public var completions: Int? { spec.completions ?? (spec.parallelism == nil ? 1 : nil) }
    /// Pods running at once: never more than the completions still owed.
    public var activePods: Int {
        if spec.suspend == true || status?.finished != nil { return 0 }
        guard let completions else { return parallelism }
        return max(0, min(parallelism, completions - (status?.succeeded ?? 0)))
    }
}

public struct JobTemplateSpec: Sendable, Hashable, Encodable {
    public var metadata: ObjectMeta?
    public var spec: JobSpec
}

public struct CronJobSpec: Sendable, Hashable, Encodable {
    public var schedule: String
    public var suspend: Bool?
    public var concurrencyPolicy: String?
    public var jobTemplate: JobTemplateSpec
}

public struct CronJob: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: CronJobSpec
}

// MARK: decoding

extension RollingUpdateDeployment: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "maxSurge": maxSurge = try r.read(IntOrString.self)
            case "maxUnavailable": maxUnavailable = try r.read(IntOrString.self)
            default: try r.skipValue()
            }
        }
    }
}

extension DeploymentStrategy: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "type": type = try r.readStringOrNil()
            case "rollingUpdate": rollingUpdate = try r.read(RollingUpdateDeployment.self)
            default: try r.skipValue()
            }
        }
    }
}

extension RollingUpdateStrategy: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "partition": partition = try r.readIntOrNil()
            case "maxUnavailable": maxUnavailable = try r.read(IntOrString.self)
            case "maxSurge": maxSurge = try r.read(IntOrString.self)
            default: try r.skipValue()
            }
        }
    }
}

extension UpdateStrategy: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "type": type = try r.readStringOrNil()
            case "rollingUpdate": rollingUpdate = try r.read(RollingUpdateStrategy.self)
            default: try r.skipValue()
            }
        }
    }
}

/// The fields every workload kind reads the same way: apiVersion, metadata, spec, status.
enum WorkloadFields {
    static func read(_ r: inout JSONReader, spec: (inout JSONReader) throws(DecodeError) -> Void,
                     status: ((inout JSONReader) throws(DecodeError) -> Void)? = nil) throws(DecodeError) -> (String?, ObjectMeta) {
        var apiVersion: String?
        var meta = ObjectMeta()
        var sawSpec = false
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "apiVersion": apiVersion = try r.readInternedString()
            case "metadata": meta = try r.read(ObjectMeta.self) ?? ObjectMeta()
            case "spec": try spec(&r); sawSpec = true
            case "status" where status != nil && !r.readNull(): try status!(&r)
            default: try r.skipValue()
            }
        }
        if !sawSpec { throw r.missing("spec") }
        return (apiVersion, meta)
    }
}

extension Deployment: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var s: DeploymentSpec?
        let (v, m) = try WorkloadFields.read(&r, spec: { (r: inout JSONReader) throws(DecodeError) in
            var replicas: Int?, selector: LabelSelector?, template: PodTemplateSpec?, strategy: DeploymentStrategy?
            var paused: Bool?, deadline: Int?, minReady: Int?
            try r.beginObject()
            while let k = try r.nextKey() {
                switch k {
                case "replicas": replicas = try r.readIntOrNil()
                case "selector": selector = try r.read(LabelSelector.self)
                case "template": template = try r.read(PodTemplateSpec.self)
                case "strategy": strategy = try r.read(DeploymentStrategy.self)
                case "paused": paused = try r.readBoolOrNil()
                case "progressDeadlineSeconds": deadline = try r.readIntOrNil()
                case "minReadySeconds": minReady = try r.readIntOrNil()
                default: try r.skipValue()
                }
            }
            guard let template else { throw r.missing("template") }
            s = DeploymentSpec(replicas: replicas, selector: selector, template: template, strategy: strategy,
                               paused: paused, progressDeadlineSeconds: deadline, minReadySeconds: minReady)
        })
        self.init(apiVersion: v ?? "apps/v1", kind: "Deployment", metadata: m, spec: s!)
    }
}

extension ReplicaSet: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var s = ReplicaSetSpec()
        let (v, m) = try WorkloadFields.read(&r, spec: { (r: inout JSONReader) throws(DecodeError) in
            try r.beginObject()
            while let k = try r.nextKey() {
                switch k {
                case "replicas": s.replicas = try r.readIntOrNil()
                case "selector": s.selector = try r.read(LabelSelector.self)
                case "template": s.template = try r.read(PodTemplateSpec.self)
                case "minReadySeconds": s.minReadySeconds = try r.readIntOrNil()
                default: try r.skipValue()
                }
            }
        })
        self.init(apiVersion: v ?? "apps/v1", kind: "ReplicaSet", metadata: m, spec: s)
    }
}

extension VolumeClaimTemplate: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        name = ""
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "metadata": name = try r.read(ObjectMeta.self)?.name ?? ""
            case "spec":
                if r.readNull() { continue }
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "storageClassName": storageClassName = try r.readStringOrNil()
                    case "resources": storage = try r.read(ResourceRequirements.self)?.requests?["storage"]
                    default: try r.skipValue()
                    }
                }
            default: try r.skipValue()
            }
        }
    }
}

extension StatefulSet: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var s: StatefulSetSpec?
        let (v, m) = try WorkloadFields.read(&r, spec: { (r: inout JSONReader) throws(DecodeError) in
            var replicas: Int?, selector: LabelSelector?, template: PodTemplateSpec?, service: String?, policy: String?
            var strategy: UpdateStrategy?, minReady: Int?, claims: [VolumeClaimTemplate]?
            try r.beginObject()
            while let k = try r.nextKey() {
                switch k {
                case "replicas": replicas = try r.readIntOrNil()
                case "selector": selector = try r.read(LabelSelector.self)
                case "template": template = try r.read(PodTemplateSpec.self)
                case "serviceName": service = try r.readStringOrNil()
                case "podManagementPolicy": policy = try r.readStringOrNil()
                case "updateStrategy": strategy = try r.read(UpdateStrategy.self)
                case "minReadySeconds": minReady = try r.readIntOrNil()
                case "volumeClaimTemplates": claims = try r.readArray(of: VolumeClaimTemplate.self)
                default: try r.skipValue()
                }
            }
            guard let template else { throw r.missing("template") }
            s = StatefulSetSpec(replicas: replicas, selector: selector, template: template, serviceName: service,
                                podManagementPolicy: policy, updateStrategy: strategy, minReadySeconds: minReady,
                                volumeClaimTemplates: claims)
        })
        self.init(apiVersion: v ?? "apps/v1", kind: "StatefulSet", metadata: m, spec: s!)
    }
}

extension DaemonSet: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var s: DaemonSetSpec?
        let (v, m) = try WorkloadFields.read(&r, spec: { (r: inout JSONReader) throws(DecodeError) in
            var selector: LabelSelector?, template: PodTemplateSpec?, strategy: UpdateStrategy?, minReady: Int?
            try r.beginObject()
            while let k = try r.nextKey() {
                switch k {
                case "selector": selector = try r.read(LabelSelector.self)
                case "template": template = try r.read(PodTemplateSpec.self)
                case "updateStrategy": strategy = try r.read(UpdateStrategy.self)
                case "minReadySeconds": minReady = try r.readIntOrNil()
                default: try r.skipValue()
                }
            }
            guard let template else { throw r.missing("template") }
            s = DaemonSetSpec(selector: selector, template: template, updateStrategy: strategy, minReadySeconds: minReady)
        })
        self.init(apiVersion: v ?? "apps/v1", kind: "DaemonSet", metadata: m, spec: s!)
    }
}

extension PodFailurePolicyRule: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        action = ""
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "action": action = try r.readString()
            case "onExitCodes":
                if r.readNull() { continue }
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "containerName": containerName = try r.readStringOrNil()
                    case "operator": exitCodeOperator = try r.readStringOrNil()
                    case "values": exitCodes = try r.readArray { (r: inout JSONReader) throws(DecodeError) in try r.readInt() }
                    default: try r.skipValue()
                    }
                }
            case "onPodConditions":
                conditionTypes = try r.readArray { (r: inout JSONReader) throws(DecodeError) -> String in
                    var type = ""
                    try r.beginObject()
                    while let f = try r.nextKey() {
                        if case "type" = f { type = try r.readString() } else { try r.skipValue() }
                    }
                    return type
                }
            default: try r.skipValue()
            }
        }
    }
}

extension JobSpec: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var template: PodTemplateSpec?
        var s = JobSpec(template: PodTemplateSpec(metadata: nil, spec: PodSpec(containers: [])))
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "parallelism": s.parallelism = try r.readIntOrNil()
            case "completions": s.completions = try r.readIntOrNil()
            case "backoffLimit": s.backoffLimit = try r.readIntOrNil()
            case "activeDeadlineSeconds": s.activeDeadlineSeconds = try r.readIntOrNil()
            case "suspend": s.suspend = try r.readBoolOrNil()
            case "template": template = try r.read(PodTemplateSpec.self)
            case "podFailurePolicy":
                if r.readNull() { continue }
                try r.beginObject()
                while let f = try r.nextKey() {
                    if case "rules" = f { s.podFailurePolicy = try r.readArray(of: PodFailurePolicyRule.self) } else { try r.skipValue() }
                }
            default: try r.skipValue()
            }
        }
        guard let template else { throw r.missing("template") }
        s.template = template
        self = s
    }
}

extension JobStatus: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "active": active = try r.readIntOrNil()
            case "succeeded": succeeded = try r.readIntOrNil()
            case "failed": failed = try r.readIntOrNil()
            case "conditions":
                let conditions = try r.readArray(of: PodCondition.self) ?? []
                finished = conditions.first { ["Complete", "Failed"].contains($0.type) && $0.status == "True" }?.type
            default: try r.skipValue()
            }
        }
    }
}

extension Job: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var s: JobSpec?
        var st: JobStatus?
        let (v, m) = try WorkloadFields.read(&r, spec: { (r: inout JSONReader) throws(DecodeError) in s = try JobSpec(json: &r) },
                                             status: { (r: inout JSONReader) throws(DecodeError) in st = try JobStatus(json: &r) })
        self.init(apiVersion: v ?? "batch/v1", kind: "Job", metadata: m, spec: s!, status: st)
    }
}

extension CronJob: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var s: CronJobSpec?
        let (v, m) = try WorkloadFields.read(&r, spec: { (r: inout JSONReader) throws(DecodeError) in
            var schedule = "", suspend: Bool?, policy: String?, template: JobTemplateSpec?
            try r.beginObject()
            while let k = try r.nextKey() {
                switch k {
                case "schedule": schedule = try r.readString()
                case "suspend": suspend = try r.readBoolOrNil()
                case "concurrencyPolicy": policy = try r.readStringOrNil()
                case "jobTemplate":
                    var meta: ObjectMeta?, spec: JobSpec?
                    try r.beginObject()
                    while let f = try r.nextKey() {
                        switch f {
                        case "metadata": meta = try r.read(ObjectMeta.self)
                        case "spec": spec = try r.read(JobSpec.self)
                        default: try r.skipValue()
                        }
                    }
                    guard let spec else { throw r.missing("spec") }
                    template = JobTemplateSpec(metadata: meta, spec: spec)
                default: try r.skipValue()
                }
            }
            guard let template else { throw r.missing("jobTemplate") }
            s = CronJobSpec(schedule: schedule, suspend: suspend, concurrencyPolicy: policy, jobTemplate: template)
        })
        self.init(apiVersion: v ?? "batch/v1", kind: "CronJob", metadata: m, spec: s!)
    }
}

extension CronJob {
    /// The Job the CronJob controller creates when the schedule fires (`getJobFromTemplate`,
    /// `pkg/controller/cronjob/utils.go`): the template's metadata and spec, in the CronJob's
    /// namespace, owned by it. Named after the CronJob; the real name adds the scheduled time.
    public var job: Job {
        var meta = spec.jobTemplate.metadata ?? ObjectMeta()
        meta.name = metadata.name
        meta.namespace = metadata.namespace
        meta.ownerReferences = [OwnerReference(kind: "CronJob", name: metadata.nameOrEmpty)]
        return Job(apiVersion: "batch/v1", kind: "Job", metadata: meta, spec: spec.jobTemplate.spec, status: nil)
    }
}
