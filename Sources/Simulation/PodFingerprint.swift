import KubeModel

/// The parts of a pod spec that decide how it schedules and runs, normalised so that a
/// template as a user wrote it equals the same template as the API server stored it
/// (defaults filled in, fields the simulation does not read left out). Pods whose fingerprint
/// equals their controller's template belong to its current revision.
public struct PodFingerprint: Sendable, Hashable {
    var containers: [Container]
    var initContainers: [Container]
    var nodeSelector: [String: String]
    var affinity: Affinity?
    var priorityClassName: String?
    var overhead: [String: Quantity]?
    var runtimeClassName: String?

    public init(_ spec: PodSpec) {
        containers = spec.containers.map(Self.normalise)
        initContainers = spec.initContainersOrEmpty.map(Self.normalise)
        nodeSelector = spec.nodeSelector ?? [:]
        affinity = spec.affinity
        priorityClassName = spec.priorityClassName
        overhead = spec.overhead
        runtimeClassName = spec.runtimeClassName
    }

    /// Whether this pod's fingerprint is `template`'s with requests and limits added that
    /// the template leaves out (the LimitRanger's defaults, `mergeContainerResources`).
    func isDefaulted(from template: PodFingerprint) -> Bool {
        guard nodeSelector == template.nodeSelector, affinity == template.affinity,
              priorityClassName == template.priorityClassName, overhead == template.overhead, runtimeClassName == template.runtimeClassName,
              containers.count == template.containers.count, initContainers.count == template.initContainers.count
        else { return false }
        return zip(containers + initContainers, template.containers + template.initContainers).allSatisfy { pod, tpl in
            var a = pod, b = tpl
            a.resources = nil
            b.resources = nil
            guard a == b else { return false }
            func covers(_ have: [String: Quantity]?, _ stated: [String: Quantity]?) -> Bool {
                (stated ?? [:]).allSatisfy { have?[$0.key] == $0.value }
            }
            return covers(pod.resources?.requests, tpl.resources?.requests) && covers(pod.resources?.limits, tpl.resources?.limits)
        }
    }

    static func normalise(_ c: Container) -> Container {
        var c = c
        c.livenessProbe = c.livenessProbe.map(normalise)
        c.readinessProbe = c.readinessProbe.map(normalise)
        c.startupProbe = c.startupProbe.map(normalise)
        if c.ports?.isEmpty ?? false { c.ports = nil }
        c.ports = c.ports?.map { p in var p = p; if p.protocol == nil { p.protocol = "TCP" }; return p }
        c.resources = c.resources.map { r in
            var r = r
            if r.requests?.isEmpty ?? false { r.requests = nil }
            if r.limits?.isEmpty ?? false { r.limits = nil }
            return r
        }
        if c.resources == ResourceRequirements() { c.resources = nil }
        return c
    }

    static func normalise(_ p: Probe) -> Probe {
        var p = p
        p.initialDelaySeconds = p.initialDelay
        p.periodSeconds = p.period
        p.timeoutSeconds = p.timeout
        p.failureThreshold = p.failures
        p.successThreshold = p.successThreshold ?? 1
        if var h = p.httpGet {
            h.path = h.path ?? "/"
            h.scheme = h.scheme ?? "HTTP"
            p.httpGet = h
        }
        return p
    }
}
