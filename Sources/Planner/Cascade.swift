import KubeModel
import Simulation

/// Follows a slow dependency through the liveness probes that need it: a probe that times
/// out failureThreshold times in a row gets its container killed; a component restarting
/// is itself unavailable to the probes that depend on it, and so on.
public enum Cascade {
    public struct Restart: Sendable, Hashable {
        public var workload: Int
        public var container: String
        public var component: String?
        public var kills: [Int]
        public var because: String
    }

    public static func run(_ s: SimState, component: String, seconds: Int) -> [Restart] {
        // Each impaired component with the window [from, until) in which calls to it fail.
        var impaired: [String: (from: Int, until: Int)] = [component: (0, seconds)]
        var out: [Int: Restart] = [:]
        var changed = true
        var rounds = 0
        while changed && rounds < 8 {
            changed = false
            rounds += 1
            for (w, wl) in s.workloads.enumerated() {
                guard out[w] == nil, let spec = wl.template?.spec,
                      s.pods(of: w).contains(where: \.isScheduled) else { continue }
                let labels = wl.template?.labels ?? [:]
                for c in spec.containers {
                    guard let live = c.livenessProbe else { continue }
                    let deps = Dependencies.of(c, podLabels: labels)
                    guard let dep = deps.first(where: { impaired[$0] != nil }), let window = impaired[dep] else { continue }
                    let kills = killTimes(c, live, window: window, startupDepends: c.startupProbe.map { _ in startupDepends(c, labels, dep) })
                    guard !kills.isEmpty else { continue }
                    let me = Dependencies.component(of: labels, containers: spec.containers)
                    out[w] = Restart(workload: w, container: c.name, component: me, kills: kills,
                                     because: "\(Dependencies.explain(c, component: dep)), which is \(dep == component ? "slow" : "restarting") from \(window.from) s to \(window.until) s; each probe times out and \(live.failures) failures \(live.period) s apart kill the container")
                    if let me, impaired[me] == nil, let first = kills.first {
                        impaired[me] = (first, max(window.until, (kills.last ?? first) + 30))
                        changed = true
                    }
                    break
                }
            }
        }
        return out.values.sorted { $0.workload < $1.workload }
    }

    static func startupDepends(_ c: Container, _ labels: [String: String], _ dep: String) -> Bool {
        guard let sp = c.startupProbe else { return false }
        var probeOnly = c
        probeOnly.livenessProbe = sp
        return Dependencies.of(probeOnly, podLabels: labels).contains(dep)
    }

    /// When the kubelet kills the container while calls to its dependency fail in `window`:
    /// the first kill after failureThreshold periods of failures; after each restart (with
    /// CrashLoopBackOff delay), again after initialDelay + (failureThreshold - 1) periods, or
    /// after the startup budget when a startupProbe that also depends on it gates liveness.
    static func killTimes(_ c: Container, _ live: Probe, window: (from: Int, until: Int), startupDepends: Bool?) -> [Int] {
        var kills: [Int] = []
        var t = window.from + live.failures * live.period
        var delay = CrashLoopBackOff.initial
        while t <= window.until && kills.count < 50 {
            kills.append(t)
            let restart = t + delay
            delay = min(delay * 2, CrashLoopBackOff.cap)
            if let sp = c.startupProbe {
                if startupDepends == true {
                    t = restart + sp.initialDelay + sp.failures * sp.period
                } else {
                    // The startup probe passes at once; liveness then fails as before.
                    t = restart + sp.initialDelay + live.failures * live.period
                }
            } else {
                t = restart + live.initialDelay + (live.failures - 1) * live.period
            }
        }
        return kills
    }
}
