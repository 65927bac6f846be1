import KubeModel

/// The ResourceQuota plugin on objects other than pods: object counts (`count/<resource>.<group>`
/// and the older `services`, `configmaps`, `secrets`, ... names) and a Service's load balancers
/// and node ports (`pkg/quota/v1/evaluator/core/services.go`). Unlike a pod's FailedCreate, such a
/// refusal is the create call's own answer: `kubectl apply` prints it and nothing is stored.
public enum ObjectCountQuota {
    /// The quota resource name of each kind's API resource (`resource.group`, core kinds
    /// without a group).
    static let resources: [String: String] = [
        "Deployment": "deployments.apps", "StatefulSet": "statefulsets.apps", "DaemonSet": "daemonsets.apps",
        "ReplicaSet": "replicasets.apps", "Job": "jobs.batch", "CronJob": "cronjobs.batch", "Service": "services",
        "ConfigMap": "configmaps", "Secret": "secrets", "PersistentVolumeClaim": "persistentvolumeclaims",
        "ReplicationController": "replicationcontrollers", "ResourceQuota": "resourcequotas",
        "HorizontalPodAutoscaler": "horizontalpodautoscalers.autoscaling", "PodDisruptionBudget": "poddisruptionbudgets.policy",
    ]
    /// Kinds quota'd under their bare resource name too (`legacyObjectCountAliases`).
    static let legacy: Set<String> = ["services", "configmaps", "secrets", "persistentvolumeclaims", "replicationcontrollers", "resourcequotas"]

    /// What creating `o` charges.
    static func usage(of o: KubeObject) -> [String: Quantity] {
        guard let resource = resources[o.ref.kind] else { return [:] }
        var out: [String: Quantity] = ["count/" + resource: .units(1)]
        if legacy.contains(resource) { out[resource] = .units(1) }
        if case .service(let s) = o {
            let type = s.spec?.type ?? "ClusterIP"
            if type == "LoadBalancer" { out["services.loadbalancers"] = .units(1) }
            if type == "NodePort" || type == "LoadBalancer" { out["services.nodeports"] = .units(Int64(s.spec?.ports?.count ?? 0)) }
        }
        return out.filter { $0.value != .zero }
    }

    /// The API server's refusal of creating `o` in `cluster` under `quotas` (those of its
    /// namespace), or nil. An update charges nothing here (counts do not change).
    public static func refusal(creating o: KubeObject, in cluster: Cluster, quotas: [ResourceQuota]) -> String? {
        let delta = usage(of: o)
        guard !delta.isEmpty, let ns = o.ref.namespace else { return nil }
        // A quota with scopes never matches these kinds: their evaluators match no scope
        // (`generic.MatchesNoScopeFunc`), only pods have scopes.
        let quotas = quotas.filter { q in
            q.metadata.namespace == ns && (q.spec?.scopes ?? []).isEmpty && (q.spec?.scopeSelector ?? []).isEmpty
                && delta.keys.contains { (q.spec?.hard ?? q.status?.hard ?? [:])[$0] != nil }
        }.sorted { $0.metadata.nameOrEmpty < $1.metadata.nameOrEmpty }
        // Counting the objects of the kind is a scan: only when some quota limits them.
        guard !quotas.isEmpty else { return nil }
        var existing: [String: Quantity] = [:]
        for (ref, obj) in cluster.objects where ref.namespace == ns && ref.kind == o.ref.kind {
            for (k, v) in usage(of: obj) { existing[k] = (existing[k] ?? .zero) + v }
        }
        for q in quotas {
            let hard = q.spec?.hard ?? q.status?.hard ?? [:]
            let requested = delta.filter { hard[$0.key] != nil }
            let exceeded = requested.keys.filter { (existing[$0] ?? .zero) + requested[$0]! > hard[$0]! }.sorted()
            guard !exceeded.isEmpty else { continue }
            func pretty(_ list: [String: Quantity]) -> String { exceeded.map { "\($0)=\(list[$0] ?? .zero)" }.joined(separator: ",") }
            let resource = resources[o.ref.kind]!
            return "\(resource) \"\(o.ref.name)\" is forbidden: exceeded quota: \(q.metadata.nameOrEmpty), requested: \(pretty(requested)), "
                + "used: \(pretty(existing)), limited: \(pretty(hard))"
        }
        return nil
    }
}

extension ObjectCountQuota {
    /// The ResourceQuotas of a namespace, read from the objects (for callers without a
    /// simulation state at hand).
    public static func quotas(in cluster: Cluster, namespace: String?) -> [ResourceQuota] {
        cluster.refs(ofKind: "ResourceQuota").filter { $0.namespace == namespace }.compactMap {
            if case .resourceQuota(let q)? = cluster.objects[$0] { q } else { nil }
        }
    }
}
