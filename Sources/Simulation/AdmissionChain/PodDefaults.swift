import KubeModel

/// API defaulting of a new pod before any admission plugin sees it (`SetDefaults_Pod`,
/// `pkg/apis/core/v1/defaults.go`): a container that states a limit but no request for a
/// resource requests its limit. LimitRanger's defaults then only fill what is still missing.
enum PodDefaults {
    static func apply(_ spec: PodSpec) -> PodSpec {
        var spec = spec
        func fill(_ c: inout Container) {
            guard let limits = c.resources?.limits, !limits.isEmpty else { return }
            var req = c.resources?.requests ?? [:]
            var changed = false
            for (k, v) in limits where req[k] == nil { req[k] = v; changed = true }
            if changed { c.resources?.requests = req }
        }
        for i in spec.containers.indices { fill(&spec.containers[i]) }
        if spec.initContainers != nil { for i in spec.initContainers!.indices { fill(&spec.initContainers![i]) } }
        return spec
    }
}
