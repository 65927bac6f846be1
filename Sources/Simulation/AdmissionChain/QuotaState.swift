import KubeModel

/// A ResourceQuota and the usage it charges, computed from the pods the simulation holds
/// plus whatever the quota's status counted that no pod in the snapshot explains.
public struct QuotaState: Sendable {
    public var quota: ResourceQuota
    public var namespace: String
    public var name: String
    public var hard: [String: Quantity]
    /// Usage in status.used that the snapshot's pods do not account for.
    public var unexplained: [String: Quantity] = [:]
    /// `spec.scopes` (each as an Exists requirement) and `spec.scopeSelector`
    /// (`getScopeSelectorsFromQuota`).
    let scopes: [ScopedResourceSelectorRequirement]

    init(_ q: ResourceQuota) {
        quota = q
        namespace = q.metadata.namespace ?? "default"
        name = q.metadata.nameOrEmpty
        hard = q.spec?.hard ?? q.status?.hard ?? [:]
        scopes = (q.spec?.scopes ?? []).map { ScopedResourceSelectorRequirement(scopeName: $0, operator: "Exists") }
            + (q.spec?.scopeSelector ?? [])
    }

    /// The quota's resources that pods use (`podEvaluator.MatchingResources`,
    /// `pkg/quota/v1/evaluator/core/pods.go`), in name order.
    var podResources: [String] {
        hard.keys.filter(Self.isPodResource).sorted()
    }

    static let computeResources: Set<String> = [
        "count/pods", "pods", "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
        "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
    ]

    static func isPodResource(_ r: String) -> Bool {
        if computeResources.contains(r) || r.hasPrefix("hugepages-") || r.hasPrefix("requests.hugepages-") { return true }
        // Extended resources are quota'd only as requests.<name> (`isExtendedResourceNameForQuota`).
        guard r.hasPrefix("requests.") else { return false }
        let name = r.dropFirst("requests.".count)
        return name.contains("/") && !name.hasPrefix("kubernetes.io/") && !name.hasPrefix("requests.")
    }

    /// Whether the quota applies to a pod: it constrains some pod resource and every scope
    /// matches (`generic.Matches` with `podMatchesScopeFunc`).
    func matches(_ spec: PodSpec) -> Bool {
        hard.keys.contains(where: Self.isPodResource) && scopes.allSatisfy { Self.scopeMatches($0, spec) }
    }

    static func scopeMatches(_ s: ScopedResourceSelectorRequirement, _ spec: PodSpec) -> Bool {
        switch s.scopeName {
        case "Terminating": return (spec.activeDeadlineSeconds ?? -1) >= 0
        case "NotTerminating": return (spec.activeDeadlineSeconds ?? -1) < 0
        case "BestEffort": return isBestEffort(spec)
        case "NotBestEffort": return !isBestEffort(spec)
        case "PriorityClass":
            // The selector is matched against {PriorityClass: spec.priorityClassName}, the key
            // always present: Exists matches every pod, DoesNotExist none.
            let value = spec.priorityClassName ?? ""
            switch s.operator {
            case "In": return (s.values ?? []).contains(value)
            case "NotIn": return !(s.values ?? []).contains(value)
            case "Exists": return true
            default: return false
            }
        case "CrossNamespacePodAffinity": return spec.hasCrossNamespaceAffinityTerm
        default: return false
        }
    }

    /// QoS class BestEffort: no container states a cpu or memory request or limit
    /// (`qos.GetPodQOS`).
    static func isBestEffort(_ spec: PodSpec) -> Bool {
        for c in spec.containers + spec.initContainersOrEmpty {
            for k in ["cpu", "memory"] {
                if let v = c.resources?.requests?[k], v > .zero { return false }
                if let v = c.resources?.limits?[k], v > .zero { return false }
            }
        }
        return true
    }

    /// What one pod charges (`PodUsageFunc` and `podComputeUsageHelper`): the pod and
    /// count/pods, requests under their bare and `requests.` names, limits under `limits.`,
    /// summed over containers and compared with the largest init container. Sidecars (init
    /// containers that keep running, 1.28+) add to the running total as `PodRequests` has it.
    public static func usage(of spec: PodSpec) -> [String: Quantity] {
        func total(_ pick: (Container) -> [String: Quantity]) -> [String: Quantity] {
            var running: [String: Quantity] = [:]
            var sidecars: [String: Quantity] = [:]
            var peak: [String: Quantity] = [:]
            func add(_ into: inout [String: Quantity], _ list: [String: Quantity]) {
                for (k, v) in list { into[k] = into[k].map { $0 + v } ?? v }
            }
            for c in spec.containers { add(&running, pick(c)) }
            for c in spec.initContainersOrEmpty {
                let list = pick(c)
                if c.isSidecar {
                    add(&sidecars, list)
                    add(&running, list)
                    for (k, v) in sidecars where peak[k].map({ v > $0 }) ?? true { peak[k] = v }
                } else {
                    var withSidecars = sidecars
                    add(&withSidecars, list)
                    for (k, v) in withSidecars where peak[k].map({ v > $0 }) ?? true { peak[k] = v }
                }
            }
            for (k, v) in peak where running[k].map({ v > $0 }) ?? true { running[k] = v }
            return running
        }
        var requests = total { $0.effectiveRequests }
        var limits = total { $0.resources?.limits ?? [:] }
        // The RuntimeClass overhead counts as both in current Kubernetes (not yet in v1.20).
        for (k, v) in spec.overhead ?? [:] {
            requests[k] = requests[k].map { $0 + v } ?? v
            limits[k] = limits[k].map { $0 + v } ?? v
        }
        var out: [String: Quantity] = ["pods": .units(1), "count/pods": .units(1)]
        for k in ["cpu", "memory", "ephemeral-storage"] {
            if let r = requests[k] { out[k] = r; out["requests." + k] = r }
            if let l = limits[k] { out["limits." + k] = l }
        }
        for (k, r) in requests where k.hasPrefix("hugepages-") { out[k] = r; out["requests." + k] = r }
        for (k, r) in requests where k.contains("/") && !k.hasPrefix("kubernetes.io/") { out["requests." + k] = r }
        return out
    }
}

extension PodSpec {
    /// An affinity or anti-affinity term naming other namespaces (`namespaces` or
    /// `namespaceSelector`), what the CrossNamespacePodAffinity scope selects.
    var hasCrossNamespaceAffinityTerm: Bool {
        let a = self.affinity
        var terms: [PodAffinityTerm] = []
        for group in [a?.podAffinity, a?.podAntiAffinity] {
            terms += group?.requiredDuringSchedulingIgnoredDuringExecution ?? []
            terms += (group?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(\.podAffinityTerm)
        }
        return terms.contains { !($0.namespaces ?? []).isEmpty || $0.namespaceSelector != nil }
    }
}
