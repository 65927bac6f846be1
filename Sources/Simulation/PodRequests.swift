import KubeModel

/// The requests kube-scheduler charges for a pod (`k8s.io/component-helpers/resource`,
/// `PodRequests`): app containers plus sidecars (restartable init containers) run together;
/// each plain init container runs alone beside the sidecars started before it; the pod needs
/// the larger of the two, plus its overhead.
public enum PodRequests {
    public static func of(_ spec: PodSpec) -> Resources {
        var running = Resources()
        for c in spec.containers { running = running + Resources(c.effectiveRequests) }
        var sidecars = Resources()
        var initPeak = Resources()
        for c in spec.initContainersOrEmpty {
            let r = Resources(c.effectiveRequests)
            if c.isSidecar {
                sidecars = sidecars + r
                running = running + r
                initPeak = initPeak.maximum(sidecars)
            } else {
                initPeak = initPeak.maximum(sidecars + r)
            }
        }
        var total = running.maximum(initPeak)
        if let overhead = spec.overhead { total = total + Resources(overhead) }
        total.pods = 1
        return total
    }

    /// The requests the scoring plugins charge: a container that states no CPU or memory
    /// request counts as 100m and 200MB (`pkg/scheduler/util/pod_resources.go`,
    /// `GetNonzeroRequests`), so that empty pods still spread.
    public static func nonZero(_ spec: PodSpec) -> Resources {
        func nz(_ c: Container) -> Resources {
            let r = c.effectiveRequests
            var out = Resources()
            out.milliCPU = r["cpu"].map { min(max($0.milliValue, 0), Resources.cap) } ?? 100
            out.memory = r["memory"].map { min(max($0.value, 0), Resources.cap) } ?? 200 * 1024 * 1024
            return out
        }
        var running = Resources()
        for c in spec.containers { running = running + nz(c) }
        var sidecars = Resources()
        var initPeak = Resources()
        for c in spec.initContainersOrEmpty {
            let r = nz(c)
            if c.isSidecar {
                sidecars = sidecars + r
                running = running + r
                initPeak = initPeak.maximum(sidecars)
            } else {
                initPeak = initPeak.maximum(sidecars + r)
            }
        }
        var total = running.maximum(initPeak)
        if let overhead = spec.overhead { total = total + Resources(overhead) }
        return total
    }

    /// Memory limits of the pod (for node pressure): same init-container rule on limits.
    public static func memoryLimit(_ spec: PodSpec) -> Int64? {
        var sum: Int64 = 0
        for c in spec.containers {
            guard let l = c.resources?.limits?["memory"] else { return nil }
            sum += min(max(l.value, 0), Resources.cap)
        }
        return sum
    }
}
