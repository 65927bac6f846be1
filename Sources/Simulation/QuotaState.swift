import KubeModel

/// A ResourceQuota and the usage it charges, computed from the pods the simulation holds
/// plus whatever the quota's status counted that no pod in the snapshot explains.
public struct QuotaState: Sendable {
    public var quota: ResourceQuota
    public var namespace: String
    public var hard: [String: Quantity]
    /// Usage in status.used that the snapshot's pods do not account for.
    public var unexplained: [String: Quantity] = [:]

    init(_ q: ResourceQuota) {
        quota = q
        namespace = q.metadata.namespace ?? "default"
        hard = q.spec?.hard ?? q.status?.hard ?? [:]
    }

    /// What one pod charges against each quota resource it names
    /// (`pkg/quota/v1/evaluator/core/pods.go`): requests.* and bare names are requests,
    /// limits.* are limits, `pods` and `count/pods` count the pod.
    public static func charge(of spec: PodSpec, resource: String) -> Quantity? {
        func sum(_ pick: (Container) -> Quantity?) -> Quantity {
            var running = Quantity.zero
            var sidecars = Quantity.zero
            var peak = Quantity.zero
            for c in spec.containers { running = running + (pick(c) ?? .zero) }
            for c in spec.initContainersOrEmpty {
                let v = pick(c) ?? .zero
                if c.isSidecar { sidecars = sidecars + v; running = running + v; peak = max(peak, sidecars) }
                else { peak = max(peak, sidecars + v) }
            }
            return max(running, peak)
        }
        switch resource {
        case "pods", "count/pods": return .units(1)
        case "cpu", "requests.cpu": return sum { $0.effectiveRequests["cpu"] }
        case "memory", "requests.memory": return sum { $0.effectiveRequests["memory"] }
        case "ephemeral-storage", "requests.ephemeral-storage": return sum { $0.effectiveRequests["ephemeral-storage"] }
        case "limits.cpu": return sum { $0.resources?.limits?["cpu"] }
        case "limits.memory": return sum { $0.resources?.limits?["memory"] }
        case "limits.ephemeral-storage": return sum { $0.resources?.limits?["ephemeral-storage"] }
        default:
            if resource.hasPrefix("requests.") {
                let name = String(resource.dropFirst("requests.".count))
                return sum { $0.effectiveRequests[name] }
            }
            return nil
        }
    }
}
