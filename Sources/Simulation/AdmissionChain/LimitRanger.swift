import KubeModel

/// The LimitRanger admission plugin (`plugin/pkg/admission/limitranger/admission.go`, the same
/// in v1.20 and current upstream): its mutating half fills in container defaults, its
/// validating half refuses pods outside each LimitRange's min, max and maxLimitRequestRatio.
public enum LimitRanger {
    /// What the API server stores for a LimitRange (`SetDefaults_LimitRangeItem`,
    /// `pkg/apis/core/v1/defaults.go`): for a Container item, a missing default limit is the
    /// max, a missing default request is the default limit, else the min.
    public static func withAPIDefaults(_ range: LimitRange) -> LimitRange {
        var range = range
        for i in range.spec.limits.indices where range.spec.limits[i].type == "Container" {
            var item = range.spec.limits[i]
            var def = item.default ?? [:]
            var req = item.defaultRequest ?? [:]
            for (k, v) in item.max ?? [:] where def[k] == nil { def[k] = v }
            for (k, v) in def where req[k] == nil { req[k] = v }
            for (k, v) in item.min ?? [:] where req[k] == nil { req[k] = v }
            item.default = def.isEmpty ? nil : def
            item.defaultRequest = req.isEmpty ? nil : req
            range.spec.limits[i] = item
        }
        return range
    }

    /// The mutating half (`PodMutateLimitFunc`): each LimitRange in turn fills the requests and
    /// limits a container does not state from its Container items (a later item of one range
    /// overrides an earlier one, `defaultContainerResourceRequirements`).
    public static func applyDefaults(_ spec: PodSpec, ranges: [LimitRange]) -> PodSpec {
        var spec = spec
        for range in ranges {
            var requests: [String: Quantity] = [:]
            var limits: [String: Quantity] = [:]
            for item in range.spec.limits where item.type == "Container" {
                for (k, v) in item.defaultRequest ?? [:] { requests[k] = v }
                for (k, v) in item.default ?? [:] { limits[k] = v }
            }
            guard !requests.isEmpty || !limits.isEmpty else { continue }
            func fill(_ c: inout Container) {
                var req = c.resources?.requests ?? [:]
                var lim = c.resources?.limits ?? [:]
                for (k, v) in limits where lim[k] == nil { lim[k] = v }
                for (k, v) in requests where req[k] == nil { req[k] = v }
                c.resources = ResourceRequirements(requests: req.isEmpty ? nil : req, limits: lim.isEmpty ? nil : lim)
            }
            for i in spec.containers.indices { fill(&spec.containers[i]) }
            if spec.initContainers != nil { for i in spec.initContainers!.indices { fill(&spec.initContainers![i]) } }
        }
        return spec
    }

    /// The validating half (`PodValidateLimitFunc`): the errors of the first LimitRange that has
    /// any, joined as `utilerrors.NewAggregate` joins them (one error alone, several in
    /// brackets). Upstream walks min, max and ratio maps in Go's random order; here resources
    /// go in name order.
    public static func violation(_ spec: PodSpec, ranges: [LimitRange]) -> String? {
        for range in ranges {
            var errors: [String] = []
            for item in range.spec.limits {
                switch item.type {
                case "Container":
                    for c in spec.containers + spec.initContainersOrEmpty {
                        errors += check(item, requests: c.resources?.requests ?? [:], limits: c.resources?.limits ?? [:])
                    }
                case "Pod":
                    let (requests, limits) = podTotals(spec)
                    errors += check(item, requests: requests, limits: limits)
                default: continue
                }
            }
            if let message = aggregate(errors) { return message }
        }
        return nil
    }

    /// A PersistentVolumeClaim's create (`PersistentVolumeClaimValidateLimitFunc`): min against
    /// the storage request (a claim's limits are not user input there), max against the request
    /// (`maxRequestConstraint`). Only `storage` is modelled, the one resource a claim requests.
    public static func claimViolation(storage: Quantity?, ranges: [LimitRange]) -> String? {
        for range in ranges {
            var errors: [String] = []
            for item in range.spec.limits where item.type == "PersistentVolumeClaim" {
                if let enforced = item.min?["storage"], let e = minConstraint(item.type, "storage", enforced, storage, nil) { errors.append(e) }
                if let enforced = item.max?["storage"] {
                    if let storage {
                        if storage > enforced { errors.append("maximum storage usage per \(item.type) is \(enforced), but request is \(storage)") }
                    } else {
                        errors.append("maximum storage usage per \(item.type) is \(enforced).  No request is specified")
                    }
                }
            }
            if let message = aggregate(errors) { return message }
        }
        return nil
    }

    /// `utilerrors.NewAggregate(errs).Error()`: duplicates dropped, brackets around several.
    static func aggregate(_ errors: [String]) -> String? {
        var seen: [String] = []
        for e in errors where !seen.contains(e) { seen.append(e) }
        if seen.isEmpty { return nil }
        return seen.count == 1 ? seen[0] : "[" + seen.joined(separator: ", ") + "]"
    }

    /// A Pod item sees the sum over containers of each resource every container states (`sum`),
    /// then the largest init container where that is more.
    static func podTotals(_ spec: PodSpec) -> ([String: Quantity], [String: Quantity]) {
        func total(_ lists: [[String: Quantity]]) -> [String: Quantity] {
            var out: [String: Quantity] = [:]
            for key in Set(lists.flatMap(\.keys)) where lists.allSatisfy({ $0[key] != nil }) {
                out[key] = lists.reduce(Quantity.zero) { $0 + $1[key]! }
            }
            return out
        }
        var requests = total(spec.containers.map { $0.resources?.requests ?? [:] })
        var limits = total(spec.containers.map { $0.resources?.limits ?? [:] })
        for c in spec.initContainersOrEmpty {
            for (k, v) in c.resources?.requests ?? [:] where requests[k].map({ v > $0 }) ?? true { requests[k] = v }
            for (k, v) in c.resources?.limits ?? [:] where limits[k].map({ v > $0 }) ?? true { limits[k] = v }
        }
        return (requests, limits)
    }

    static func check(_ item: LimitRangeItem, requests: [String: Quantity], limits: [String: Quantity]) -> [String] {
        let type = item.type
        var errors: [String] = []
        for (k, minV) in (item.min ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let e = minConstraint(type, k, minV, requests[k], limits[k]) { errors.append(e) }
        }
        for (k, maxV) in (item.max ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let e = maxConstraint(type, k, maxV, requests[k], limits[k]) { errors.append(e) }
        }
        for (k, ratio) in (item.maxLimitRequestRatio ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let e = ratioConstraint(type, k, ratio, requests[k], limits[k]) { errors.append(e) }
        }
        return errors
    }

    static func minConstraint(_ type: String, _ k: String, _ enforced: Quantity, _ req: Quantity?, _ lim: Quantity?) -> String? {
        guard let req else { return "minimum \(k) usage per \(type) is \(enforced).  No request is specified" }
        if req < enforced { return "minimum \(k) usage per \(type) is \(enforced), but request is \(req)" }
        if let lim, lim < enforced { return "minimum \(k) usage per \(type) is \(enforced), but limit is \(lim)" }
        return nil
    }

    static func maxConstraint(_ type: String, _ k: String, _ enforced: Quantity, _ req: Quantity?, _ lim: Quantity?) -> String? {
        guard let lim else { return "maximum \(k) usage per \(type) is \(enforced).  No limit is specified" }
        if lim > enforced { return "maximum \(k) usage per \(type) is \(enforced), but limit is \(lim)" }
        if let req, req > enforced { return "maximum \(k) usage per \(type) is \(enforced), but request is \(req)" }
        return nil
    }

    /// `limitRequestRatioConstraint`: compared in milli-units, the observed ratio printed as
    /// Go's `%f` prints it.
    static func ratioConstraint(_ type: String, _ k: String, _ enforced: Quantity, _ req: Quantity?, _ lim: Quantity?) -> String? {
        guard let req, req.milliValue != 0 else {
            return "\(k) max limit to request ratio per \(type) is \(enforced), but no request is specified or request is 0"
        }
        guard let lim, lim.milliValue != 0 else {
            return "\(k) max limit to request ratio per \(type) is \(enforced), but no limit is specified or limit is 0"
        }
        let observed = Double(lim.milliValue) / Double(req.milliValue)
        guard observed * 1000 > Double(enforced.milliValue) else { return nil }
        return "\(k) max limit to request ratio per \(type) is \(enforced), but provided ratio is \(goFloat(observed))"
    }

    /// Go's `%f`: six decimals.
    static func goFloat(_ x: Double) -> String {
        let scaled = (x * 1_000_000).rounded()
        let whole = Int64(scaled / 1_000_000)
        let frac = Int64(scaled) - whole * 1_000_000
        let digits = String(frac)
        return "\(whole)." + String(repeating: "0", count: 6 - digits.count) + digits
    }
}
