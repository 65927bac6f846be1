import KubeModel

/// What the kubelet will do with a new pod of a workload, and the evidence for it.
public struct Assessment: Sendable {
    public var health: PodHealth = .ready
    /// The container and cause, stable across runs, used to tell a new problem from an old one.
    public var cause: String?
    public var message: String = ""
    public var evidence: [String] = []
    public var fix: String?
    /// Probes whose results the kubelet throws away (warnings, not failures).
    public var inertProbes: [String] = []
}

/// The kubelet's container lifecycle (`pkg/kubelet/prober`, `kuberuntime`), reduced to what
/// decides whether a pod becomes Ready, never does, or restarts in a loop.
public enum Kubelet {
    public static func assess(_ w: SimWorkload, evidence pods: [PodEvidence]) -> Assessment {
        var a = Assessment()
        guard let spec = w.template?.spec else { return a }
        for c in spec.containers {
            let e = ContainerEvidence.gather(container: c, annotations: w.annotations, pods: pods)
            // A probe on a port name the container does not declare errors on every run, and
            // the worker throws errored results away (`pkg/kubelet/prober/worker.go`, doProbe):
            // neither failure nor success is ever recorded.
            if let p = c.livenessProbe, let port = p.namedPort, !c.declaresPort(named: port) {
                a.inertProbes.append("liveness probe of container \(c.name) uses port \"\(port)\", which the container does not declare: the kubelet discards its errors, so the container has no working liveness check")
            }
            if let p = c.startupProbe, let port = p.namedPort, !c.declaresPort(named: port) {
                return neverReady(a, c, "startup", port)
            }
            if let p = c.readinessProbe, let port = p.namedPort, !c.declaresPort(named: port) {
                return neverReady(a, c, "readiness", port)
            }
            if var r = memoryLoop(c, e) ?? livenessLoop(c, e) ?? crashLoop(c, e) {
                r.inertProbes = a.inertProbes
                return r
            }
        }
        return a
    }

    private static func neverReady(_ base: Assessment, _ c: Container, _ kind: String, _ port: String) -> Assessment {
        var a = base
        a.health = .neverReady
        a.cause = "\(kind)-port:\(c.name):\(port)"
        a.message = "the \(kind) probe of container \(c.name) uses port \"\(port)\", which the container does not declare (ports: \(c.portsOrEmpty.map { $0.name ?? String($0.containerPort) }.joined(separator: ", "))); the kubelet throws away errored probe results, so the pods stay Running but never become Ready"
        a.evidence = ["container \(c.name) declares ports \(c.portsOrEmpty.map { "\($0.name ?? "-")=\($0.containerPort)" }.joined(separator: ", "))"]
        a.fix = "use a declared port name or number in the \(kind) probe (for example \(c.portsOrEmpty.first?.name.map { "\"\($0)\"" } ?? String(c.portsOrEmpty.first?.containerPort ?? 8080)))"
        return a
    }

    private static func memoryLoop(_ c: Container, _ e: ContainerEvidence) -> Assessment? {
        guard let limit = c.resources?.limits?["memory"] else { return nil }
        var need: Quantity?
        var evidence: [String] = []
        if let ws = e.statedWorkingSet, limit < ws {
            need = ws
            evidence.append("annotation premortem.io/memory-working-set states \(ws)")
        }
        if let worst = e.oomKilledAt.max(by: { $0.limit < $1.limit }), limit < worst.limit {
            need = max(need ?? .zero, worst.limit)
            for o in e.oomKilledAt {
                evidence.append("pod \(o.pod) was OOMKilled (exit 137) at a \(o.limit) limit, restartCount \(o.restarts)")
            }
        }
        guard let need else { return nil }
        var a = Assessment()
        a.health = .crashLoop
        a.cause = "oom:\(c.name):\(limit)"
        a.message = "container \(c.name) gets a memory limit of \(limit), below the \(need) it is known to reach, so the kernel OOM-kills it (exit 137) each time it gets there and the kubelet restarts it into CrashLoopBackOff"
        a.evidence = evidence
        a.fix = "raise the memory limit of container \(c.name) to at least \(need)"
        return a
    }

    private static func livenessLoop(_ c: Container, _ e: ContainerEvidence) -> Assessment? {
        guard let live = c.livenessProbe else { return nil }
        if let port = live.namedPort, !c.declaresPort(named: port) { return nil }
        // How long the app needs before the probed endpoint answers: stated, or observed
        // as the Ready transition minus one readiness period (it became ready at most that
        // much earlier). Observed Ready times only speak for a liveness probe on the same
        // port as the readiness probe.
        var appNeeds: Int?
        var evidence: [String] = []
        if let s = e.statedStartupSeconds {
            appNeeds = s
            evidence.append("annotation premortem.io/startup-seconds states \(s) s")
        } else if let ready = c.readinessProbe, sameEndpoint(live, ready, c), !e.observedStartups.isEmpty {
            // Ready at T bounds startup from above only. The probe one period earlier failed,
            // a lower bound, only if it ran: not when T is the first probe, at initialDelaySeconds,
            // where the app may have answered long before.
            let fastest = e.observedStartups.map(\.seconds).min() ?? 0
            if fastest - ready.period >= ready.initialDelay {
                appNeeds = fastest - ready.period
                let list = e.observedStartups.map { "\($0.pod) \($0.seconds) s" }.joined(separator: ", ")
                evidence.append("previous pods became Ready \(fastest)-\(e.observedStartups.map(\.seconds).max() ?? fastest) s after start (\(list)); readiness runs every \(ready.period) s from \(ready.initialDelay) s, so the probe at \(fastest - ready.period) s failed and the app answers no sooner than that")
            }
        }
        guard let needs = appNeeds else { return nil }
        let slowest = max(needs, e.observedStartups.map(\.seconds).max() ?? needs)
        let budget: Int
        let arithmetic: String
        if let s = c.startupProbe {
            budget = s.initialDelay + s.failures * s.period + s.timeout
            arithmetic = "the startupProbe gives up after \(s.initialDelay) + \(s.failures)×\(s.period) = \(s.initialDelay + s.failures * s.period) s"
        } else {
            budget = live.initialDelay + live.failures * live.period + live.timeout
            arithmetic = "liveness gives up after \(live.initialDelay) + \(live.failures)×\(live.period) = \(live.initialDelay + live.failures * live.period) s"
        }
        guard needs > budget else { return nil }
        let killAt = budget - (c.startupProbe?.timeout ?? live.timeout)
        var a = Assessment()
        a.health = .crashLoop
        a.cause = "liveness:\(c.name):\(budget)"
        a.message = "container \(c.name) is restarted before it can become ready: \(arithmetic), but the app needs at least \(needs) s; about \(CrashLoopBackOff.restarts(runSeconds: killAt)) restarts in the first hour under CrashLoopBackOff"
        a.evidence = evidence
        let threshold = (slowest + 4) / 5 + 1
        a.fix = c.startupProbe == nil
            ? "add a startupProbe with failureThreshold ≥ \(threshold) at periodSeconds 5 on the liveness endpoint"
            : "raise the startupProbe's failureThreshold to at least \((slowest + c.startupProbe!.period - 1) / c.startupProbe!.period + 1)"
        return a
    }

    private static func crashLoop(_ c: Container, _ e: ContainerEvidence) -> Assessment? {
        guard let first = e.crashing.first else { return nil }
        var a = Assessment()
        a.health = .crashLoop
        a.cause = "crash:\(c.name):\(c.image ?? "")"
        a.message = "container \(c.name) runs the same image and command as pods that are crash-looping now (\(first.pod): \(first.restarts) restarts, last exit \(first.reason ?? "Error") code \(first.exitCode ?? 1))"
        a.evidence = e.crashing.map { "pod \($0.pod) is in CrashLoopBackOff with \($0.restarts) restarts" }
        a.fix = "fix the command or image before rolling it out"
        return a
    }

    /// Whether two probes hit the same server in the container: same resolved port.
    static func sameEndpoint(_ a: Probe, _ b: Probe, _ c: Container) -> Bool {
        func port(_ p: Probe) -> Int? {
            let v = p.httpGet?.port ?? p.tcpSocket?.port
            switch v {
            case .int(let i)?: return i
            case .string(let s)?: return Int(s) ?? c.portsOrEmpty.first { $0.name == s }?.containerPort
            case nil: return p.grpc?.port
            }
        }
        guard let pa = port(a), let pb = port(b) else { return false }
        return pa == pb
    }
}
