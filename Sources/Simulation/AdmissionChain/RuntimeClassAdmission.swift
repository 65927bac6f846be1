import KubeModel

/// The RuntimeClass admission plugin (`plugin/pkg/admission/runtimeclass/admission.go`). Its
/// mutating half sets the pod's overhead to the class's `overhead.podFixed` (which the
/// scheduler and ResourceQuota then count) and merges the class's `scheduling` into the pod's
/// node selector and tolerations; a pod naming a class that does not exist, a node selector
/// that conflicts with the class's, or an overhead of its own that differs, is refused.
enum RuntimeClassAdmission {
    /// The pod as the mutating half leaves it. A pod the plugin refuses is returned as it was,
    /// so that `refusal` still sees why.
    static func apply(_ spec: PodSpec, classes: [String: RuntimeClass]) -> PodSpec {
        guard let name = spec.runtimeClassName, let rc = classes[name] else { return spec }
        var out = spec
        if let overhead = rc.overhead {
            if let own = spec.overhead, own != overhead { return spec }
            out.overhead = overhead
        }
        if rc.nodeSelector != nil || rc.tolerations != nil {
            var selector = spec.nodeSelector ?? [:]
            for (k, v) in rc.nodeSelector ?? [:] {
                if let mine = selector[k], mine != v { return spec }
                selector[k] = v
            }
            out.nodeSelector = selector.isEmpty ? spec.nodeSelector : selector
            out.tolerations = merge(spec.tolerationsOrEmpty, rc.tolerations ?? [])
            if out.tolerations?.isEmpty ?? false { out.tolerations = spec.tolerations }
        }
        return out
    }

    /// Why the plugin refuses the pod (`prepareObjects`, `setOverhead`, `setScheduling`,
    /// `validateOverhead`), worded as the API server does. A class that does not exist is
    /// judged only when the snapshot lists RuntimeClasses at all.
    static func refusal(_ spec: PodSpec, classes: [String: RuntimeClass]) -> String? {
        guard let name = spec.runtimeClassName, !name.isEmpty else {
            return spec.overhead == nil ? nil : "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead"
        }
        guard let rc = classes[name] else {
            return classes.isEmpty ? nil : "pod rejected: RuntimeClass \"\(name)\" not found"
        }
        if let overhead = rc.overhead, let own = spec.overhead, own != overhead {
            return "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead"
        }
        if rc.overhead == nil, spec.overhead != nil {
            return "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead"
        }
        for (k, v) in (rc.nodeSelector ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let mine = spec.nodeSelector?[k], mine != v {
                return "conflict: runtimeClass.scheduling.nodeSelector[\(k)] = \(v); pod.spec.nodeSelector[\(k)] = \(mine)"
            }
        }
        return nil
    }

    /// `MergeTolerations` (`pkg/util/tolerations/tolerations.go`): both lists, without a
    /// toleration another one already covers.
    static func merge(_ first: [Toleration], _ second: [Toleration]) -> [Toleration] {
        let all = first + second
        var merged: [Toleration] = []
        for (i, t) in all.enumerated() {
            if merged.contains(where: { isSuperset($0, t) }) { continue }
            if all[(i + 1)...].contains(where: { $0 != t && isSuperset($0, t) }) { continue }
            merged.append(t)
        }
        return merged
    }

    /// Whether `ss` tolerates everything `t` does (`isSuperset`).
    static func isSuperset(_ ss: Toleration, _ t: Toleration) -> Bool {
        if ss == t { return true }
        if t.key != ss.key && ((ss.key ?? "") != "" || ss.operator != "Exists") { return false }
        if t.effect != ss.effect && (ss.effect ?? "") != "" { return false }
        if ss.effect == "NoExecute", let limit = ss.tolerationSeconds {
            guard let mine = t.tolerationSeconds, mine <= limit else { return false }
        }
        switch ss.operator ?? "" {
        case "Equal", "": return t.operator == "Equal" && t.value == ss.value
        case "Exists": return true
        default: return false
        }
    }
}
