/// A kind the simulation reads, and where the API serves it. Versions are tried in order:
/// clusters that predate a version (PodDisruptionBudget `policy/v1` came in 1.21, CronJob
/// `batch/v1` in 1.21, HPA `autoscaling/v2` in 1.23) get the older one.
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    public var group: String
    public var versions: [String]
    public var plural: String
    public var namespaced: Bool
    /// Read as `PartialObjectMetadata`: names and labels, never data (ConfigMaps, Secrets).
    public var metadataOnly: Bool

    public var description: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// The collection path for a version, cluster-wide: `/api/v1/pods`, `/apis/apps/v1/deployments`.
    public func path(version: String) -> String {
        group.isEmpty ? "/api/\(version)/\(plural)" : "/apis/\(group)/\(version)/\(plural)"
    }

    static func core(_ kind: String, _ plural: String, namespaced: Bool = true, metadataOnly: Bool = false) -> APIResource {
        APIResource(kind: kind, group: "", versions: ["v1"], plural: plural, namespaced: namespaced, metadataOnly: metadataOnly)
    }

    static func group(_ kind: String, _ group: String, _ versions: [String], _ plural: String, namespaced: Bool = true) -> APIResource {
        APIResource(kind: kind, group: group, versions: versions, plural: plural, namespaced: namespaced, metadataOnly: false)
    }

    /// Everything the simulation reads. Secrets only on request: the RBAC to list them also
    /// lets the account read them.
    public static func all(secrets: Bool = false) -> [APIResource] {
        var list: [APIResource] = [
            .core("Namespace", "namespaces", namespaced: false),
            .core("Node", "nodes", namespaced: false),
            .core("Pod", "pods"),
            .core("Service", "services"),
            .core("ResourceQuota", "resourcequotas"),
            .core("LimitRange", "limitranges"),
            .core("PersistentVolumeClaim", "persistentvolumeclaims"),
            .core("PersistentVolume", "persistentvolumes", namespaced: false),
            .core("ConfigMap", "configmaps", metadataOnly: true),
            .core("ServiceAccount", "serviceaccounts", metadataOnly: true),
            .group("Deployment", "apps", ["v1"], "deployments"),
            .group("ReplicaSet", "apps", ["v1"], "replicasets"),
            .group("StatefulSet", "apps", ["v1"], "statefulsets"),
            .group("DaemonSet", "apps", ["v1"], "daemonsets"),
            .group("Job", "batch", ["v1"], "jobs"),
            .group("CronJob", "batch", ["v1", "v1beta1"], "cronjobs"),
            .group("PodDisruptionBudget", "policy", ["v1", "v1beta1"], "poddisruptionbudgets"),
            .group("PriorityClass", "scheduling.k8s.io", ["v1"], "priorityclasses", namespaced: false),
            .group("RuntimeClass", "node.k8s.io", ["v1", "v1beta1"], "runtimeclasses", namespaced: false),
            .group("StorageClass", "storage.k8s.io", ["v1"], "storageclasses", namespaced: false),
            .group("HorizontalPodAutoscaler", "autoscaling", ["v2", "v2beta2", "v1"], "horizontalpodautoscalers"),
        ]
        if secrets { list.append(.core("Secret", "secrets", metadataOnly: true)) }
        return list
    }
}
