import KubeModel

/// The admission chain a pod create goes through, in the API server's order: defaulting
/// (`PodDefaults`, then the mutating halves of LimitRanger and RuntimeClass when the shape is
/// made), the Priority and RuntimeClass plugins (mutating, so they refuse before validation),
/// validation, then
/// the validating plugins in the order of `pkg/kubeapiserver/options/plugins.go`: LimitRanger,
/// PodSecurity, ResourceQuota (always last).
extension SimState {
    /// Why admission would refuse a pod of this shape, or nil. `releasing`: a pod that is gone
    /// by then, whose quota usage no longer counts.
    func admissionRefusal(_ shape: PodShape, pod: String? = nil, releasing: PodSpec? = nil) -> AdmissionRefusal? {
        let spec = shape.spec
        if let v = priorityRefusal(spec) { return AdmissionRefusal(step: .priority, message: v, pod: pod) }
        if let v = RuntimeClassAdmission.refusal(spec, classes: runtimeClasses) { return AdmissionRefusal(step: .runtimeClass, message: v, pod: pod) }
        if let v = PodValidation.errors(spec) { return AdmissionRefusal(step: .validation, message: v, pod: pod) }
        if let v = LimitRanger.violation(spec, ranges: limitRanges[shape.namespace] ?? []) {
            return AdmissionRefusal(step: .limitRanger, message: v, pod: pod)
        }
        if let v = PodSecurity.violation(spec, level: PodSecurity.level(namespaceLabels[shape.namespace] ?? [:])) {
            return AdmissionRefusal(step: .podSecurity, message: v, pod: pod)
        }
        if let v = quotaRefusal(spec, namespace: shape.namespace, releasing: releasing) { return AdmissionRefusal(step: .resourceQuota, message: v, pod: pod) }
        return nil
    }

    /// The claims a StatefulSet controller creates before pod `ordinal` (`<template>-<set>-<n>`,
    /// those that do not exist yet) go through LimitRanger first; a refused claim means no pod
    /// (`CreateStatefulPod`, `pkg/controller/statefulset/stateful_pod_control.go`).
    func claimRefusal(_ w: Int, ordinal: Int) -> AdmissionRefusal? {
        let workload = workloads[w]
        guard !workload.claimTemplates.isEmpty, let ranges = limitRanges[workload.ref.namespace ?? "default"], !ranges.isEmpty
        else { return nil }
        let set = workload.ref.name
        for t in workload.claimTemplates {
            let claim = "\(t.name)-\(set)-\(ordinal)"
            guard claims[ObjectRef(kind: "PersistentVolumeClaim", namespace: workload.ref.namespace, name: claim)] == nil else { continue }
            if let v = LimitRanger.claimViolation(storage: t.storage, ranges: ranges) {
                return AdmissionRefusal(step: .limitRanger, message: v, pod: "\(set)-\(ordinal)", claim: claim)
            }
        }
        return nil
    }

    /// The Priority plugin (`plugin/pkg/admission/priority/admission.go`): a pod naming a
    /// PriorityClass that does not exist is refused. Only judged when the snapshot lists
    /// PriorityClasses at all (a folder without them says nothing about them); the two
    /// built-in classes always exist.
    func priorityRefusal(_ spec: PodSpec) -> String? {
        guard let name = spec.priorityClassName, !name.isEmpty, !priorityClasses.isEmpty, priorityClasses[name] == nil,
              !["system-cluster-critical", "system-node-critical"].contains(name) else { return nil }
        return "no PriorityClass with name \(name) was found"
    }

    /// The ResourceQuota plugin (`CheckRequest`, `staging/src/k8s.io/apiserver/pkg/admission/
    /// plugin/resourcequota/controller.go`): first every matching quota's constraints (a quota
    /// on cpu or memory requires every container to state it), then each quota's limits, the
    /// first exceeded quota naming all its exceeded resources. Quotas go in name order.
    func quotaRefusal(_ spec: PodSpec, namespace: String, releasing: PodSpec? = nil) -> String? {
        let matching = quotas.filter { $0.namespace == namespace && $0.matches(spec) }.sorted { $0.name < $1.name }
        guard !matching.isEmpty else { return nil }
        for q in matching {
            let required = Set(q.podResources).intersection(QuotaState.validationSet)
            guard !required.isEmpty else { continue }
            var missing = Set<String>()
            for c in spec.containers + spec.initContainersOrEmpty {
                missing.formUnion(required.subtracting(QuotaState.statedResources(c)))
            }
            if !missing.isEmpty { return "failed quota: \(q.name): must specify \(missing.sorted().joined(separator: ","))" }
        }
        let delta = QuotaState.usage(of: spec).filter { $0.value != .zero }
        for q in matching {
            let requested = delta.filter { q.hard[$0.key] != nil }
            guard !requested.isEmpty else { continue }
            var current = usage(q)
            if let gone = releasing, q.matches(gone) {
                for (k, v) in QuotaState.usage(of: gone) { if let u = current[k] { current[k] = u > v ? u - v : .zero } }
            }
            var used: [String: Quantity] = [:]
            var exceeded: [String] = []
            for (k, add) in requested {
                let u = (current[k] ?? .zero) + (q.unexplained[k] ?? .zero)
                used[k] = u
                if u + add > q.hard[k]! { exceeded.append(k) }
            }
            guard !exceeded.isEmpty else { continue }
            func pretty(_ list: [String: Quantity]) -> String {
                exceeded.sorted().compactMap { k in list[k].map { "\(k)=\($0)" } }.joined(separator: ",")
            }
            return "exceeded quota: \(q.name), requested: \(pretty(requested)), used: \(pretty(used)), limited: \(pretty(q.hard))"
        }
        return nil
    }
}

extension QuotaState {
    /// The resources whose quota requires every container to state them (`validationSet`,
    /// `pkg/quota/v1/evaluator/core/pods.go`: "this was a mistake", kept for compatibility).
    static let validationSet: Set<String> = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"]

    /// The quota names a container's own requests and limits cover (`podComputeUsageHelper`
    /// of that container alone).
    static func statedResources(_ c: Container) -> Set<String> {
        var out: Set<String> = []
        let requests = c.effectiveRequests
        for k in ["cpu", "memory"] {
            if requests[k] != nil { out.insert(k); out.insert("requests." + k) }
            if c.resources?.limits?[k] != nil { out.insert("limits." + k) }
        }
        return out
    }
}
