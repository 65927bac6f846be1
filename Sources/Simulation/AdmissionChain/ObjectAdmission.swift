import KubeModel

/// What the API server refuses of a proposed object before any controller sees it: an invalid
/// pod template (validated as written: the limit-to-request defaulting applies to pods, not
/// templates, `SetDefaults_Pod`), then the object-count quotas.
public enum ObjectAdmission {
    /// The qualified kind validation errors name (`Deployment.apps "web" is invalid: ...`).
    /// Not StatefulSets: `ValidatePodTemplateSpecForStatefulSet` (`pkg/apis/apps/validation`)
    /// leaves the pod spec unvalidated (a TODO since 2016), so such a template is stored and
    /// each of its pods is refused instead (FailedCreate).
    static let groups: [String: String] = [
        "Deployment": "Deployment.apps", "DaemonSet": "DaemonSet.apps",
        "ReplicaSet": "ReplicaSet.apps", "Job": "Job.batch", "CronJob": "CronJob.batch", "Pod": "Pod",
    ]

    /// `quotas` and `limitRanges`: those of the object's namespace (the caller has them
    /// indexed; LimitRanges as the API server stores them).
    public static func refusal(creating o: KubeObject, in cluster: Cluster, quotas: [ResourceQuota], limitRanges: [LimitRange] = []) -> String? {
        if case .persistentVolumeClaim(let c) = o, let v = LimitRanger.claimViolation(storage: c.spec.storage, ranges: limitRanges) {
            return "persistentvolumeclaims \"\(o.ref.name)\" is forbidden: \(v)"
        }
        if let template = o.podTemplate, let kind = groups[o.ref.kind] {
            let path = o.ref.kind == "Pod" ? "spec" : o.ref.kind == "CronJob" ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec"
            var errors = PodValidation.errorList(template.spec, path: path)
            if case .deployment(let d) = o { errors += PodValidation.deploymentErrors(d) }
            if let e = LimitRanger.aggregate(errors) { return "\(kind) \"\(o.ref.name)\" is invalid: \(e)" }
        }
        return ObjectCountQuota.refusal(creating: o, in: cluster, quotas: quotas)
    }
}
