import KubeModel

/// The part of pod validation that admission defaults can break (`ValidateResourceRequirements`,
/// `pkg/apis/core/validation/validation.go`): a request above its limit. It runs after the
/// mutating plugins and before the validating ones, so a LimitRange default limit below a
/// container's request makes the pod invalid, whatever quota or max say.
enum PodValidation {
    /// The field errors as `field.ErrorList.ToAggregate()` prints them, or nil.
    static func errors(_ spec: PodSpec, path prefix: String = "spec") -> String? {
        LimitRanger.aggregate(errorList(spec, path: prefix))
    }

    static func errorList(_ spec: PodSpec, path prefix: String = "spec") -> [String] {
        var errors: [String] = []
        func check(_ c: Container, _ path: String) {
            let requests = c.resources?.requests ?? [:]
            let limits = c.resources?.limits ?? [:]
            for (k, r) in requests.sorted(by: { $0.key < $1.key }) {
                guard let l = limits[k] else { continue }
                if !Self.overcommitAllowed(k), r != l {
                    errors.append("\(path).resources.requests: Invalid value: \"\(r)\": must be equal to \(k) limit")
                } else if r > l {
                    errors.append("\(path).resources.requests: Invalid value: \"\(r)\": must be less than or equal to \(k) limit")
                }
            }
        }
        for (i, c) in spec.containers.enumerated() { check(c, "\(prefix).containers[\(i)]") }
        for (i, c) in spec.initContainersOrEmpty.enumerated() { check(c, "\(prefix).initContainers[\(i)]") }
        return errors
    }

    /// `ValidateDeploymentSpec` (`pkg/apis/apps/validation/validation.go`) after the pod
    /// template: a rolling update with maxSurge and maxUnavailable both 0 (after defaulting,
    /// 25% for an unset one), and a progress deadline not above minReadySeconds (600 s by
    /// default). Values print as `field.Invalid` prints them (`%#v` for an IntOrString).
    static func deploymentErrors(_ d: Deployment) -> [String] {
        var errors: [String] = []
        if !d.isRecreate {
            let u = d.maxUnavailable, s = d.maxSurge
            if u.isZero && s.isZero {
                errors.append("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \(u.goSyntax): may not be 0 when `maxSurge` is 0")
            }
        }
        if d.progressDeadline <= (d.spec.minReadySeconds ?? 0) {
            errors.append("spec.progressDeadlineSeconds: Invalid value: \(d.progressDeadline): must be greater than minReadySeconds")
        }
        return errors
    }

    /// `helper.IsOvercommitAllowed`: native resources other than hugepages.
    static func overcommitAllowed(_ resource: String) -> Bool {
        let native = !resource.contains("/") || resource.hasPrefix("kubernetes.io/")
        return native && !resource.hasPrefix("hugepages-")
    }
}
