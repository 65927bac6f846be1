import KubeModel

/// The LimitRanger admission plugin (`plugin/pkg/admission/limitranger`): fills in container
/// defaults, then rejects pods outside the namespace's min/max.
public enum LimitRanger {
    public static func applyDefaults(_ spec: PodSpec, ranges: [LimitRange]) -> PodSpec {
        let items = ranges.flatMap(\.spec.limits).filter { $0.type == "Container" }
        guard !items.isEmpty else { return spec }
        var spec = spec
        func fill(_ c: inout Container) {
            var req = c.resources?.requests ?? [:]
            var lim = c.resources?.limits ?? [:]
            for item in items {
                for (k, v) in item.default ?? [:] where lim[k] == nil { lim[k] = v }
                for (k, v) in item.defaultRequest ?? [:] where req[k] == nil { req[k] = v }
                // With a default limit but no default request, the request defaults to the limit.
                for (k, v) in item.default ?? [:] where req[k] == nil && item.defaultRequest?[k] == nil { req[k] = v }
            }
            c.resources = ResourceRequirements(requests: req.isEmpty ? nil : req, limits: lim.isEmpty ? nil : lim)
        }
        for i in spec.containers.indices { fill(&spec.containers[i]) }
        if spec.initContainers != nil { for i in spec.initContainers!.indices { fill(&spec.initContainers![i]) } }
        return spec
    }

    /// Why the plugin would reject a pod with this (defaulted) spec, or nil.
    public static func violation(_ spec: PodSpec, ranges: [LimitRange]) -> String? {
        for range in ranges {
            for item in range.spec.limits {
                switch item.type {
                case "Container":
                    for c in spec.containers + spec.initContainersOrEmpty {
                        if let v = check(name: "container \(c.name)", requests: c.resources?.requests ?? [:],
                                         limits: c.resources?.limits ?? [:], item: item, range: range) { return v }
                    }
                case "Pod":
                    var req: [String: Quantity] = [:]
                    var lim: [String: Quantity] = [:]
                    for c in spec.containers {
                        for (k, v) in c.resources?.requests ?? [:] { req[k] = (req[k] ?? .zero) + v }
                        for (k, v) in c.resources?.limits ?? [:] { lim[k] = (lim[k] ?? .zero) + v }
                    }
                    if let v = check(name: "the pod", requests: req, limits: lim, item: item, range: range) { return v }
                default: continue
                }
            }
        }
        return nil
    }

    private static func check(name: String, requests: [String: Quantity], limits: [String: Quantity],
                              item: LimitRangeItem, range: LimitRange) -> String? {
        let rangeName = "LimitRange \(range.metadata.nameOrEmpty)"
        for (k, maxV) in (item.max ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let l = limits[k], l > maxV {
                return "\(rangeName) allows at most \(maxV) \(k) per \(item.type.lowercased()); \(name) has a limit of \(l)"
            }
            if limits[k] == nil {
                return "\(rangeName) sets a maximum \(k) per \(item.type.lowercased()), so \(name) must set a \(k) limit"
            }
        }
        for (k, minV) in (item.min ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let r = requests[k], r < minV {
                return "\(rangeName) requires at least \(minV) \(k) per \(item.type.lowercased()); \(name) requests \(r)"
            }
            if requests[k] == nil {
                return "\(rangeName) sets a minimum \(k) per \(item.type.lowercased()), so \(name) must request \(k)"
            }
        }
        return nil
    }
}
