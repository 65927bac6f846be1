import Foundation
import KubeModel

/// A pod of a workload as the cluster reported it: what the kubelet model reads as evidence.
public struct PodEvidence: Sendable {
    public var name: String
    public var spec: PodSpec
    public var status: PodStatus
    public init(name: String, spec: PodSpec, status: PodStatus) {
        self.name = name; self.spec = spec; self.status = status
    }

    public init(_ pod: Pod) {
        self.init(name: pod.metadata.nameOrEmpty, spec: pod.spec, status: pod.status ?? PodStatus())
    }
}

/// What the cluster and the user say about how a container behaves. The kubelet model only
/// claims what this backs.
public struct ContainerEvidence: Sendable {
    /// Seconds from container start until the app answers, as the user states it.
    public var statedStartupSeconds: Int?
    /// Seconds from container start to the pod's Ready transition, with the pod it came from.
    public var observedStartups: [(pod: String, seconds: Int)] = []
    /// The working set the user states.
    public var statedWorkingSet: Quantity?
    /// Memory limits at which earlier containers were OOMKilled, with the pod.
    public var oomKilledAt: [(pod: String, limit: Quantity, restarts: Int)] = []
    /// Pods whose container with the same image and command is crash-looping now.
    public var crashing: [(pod: String, restarts: Int, exitCode: Int?, reason: String?)] = []

    /// Gathers evidence for container `name` of a workload from its annotations and from the
    /// status of its pods, current and previous.
    public static func gather(container c: Container, annotations: [String: String], pods: [PodEvidence]) -> ContainerEvidence {
        var e = ContainerEvidence()
        if let s = annotations["premortem.io/startup-seconds.\(c.name)"] ?? annotations["premortem.io/startup-seconds"] {
            e.statedStartupSeconds = Int(s.trimmingCharacters(in: .whitespaces)).map { min(max($0, 0), 604_800) }
        }
        if let s = annotations["premortem.io/memory-working-set.\(c.name)"] ?? annotations["premortem.io/memory-working-set"] {
            e.statedWorkingSet = try? Quantity(parsing: s.trimmingCharacters(in: .whitespaces))
        }
        for p in pods.sorted(by: { $0.name < $1.name }) {
            let name = p.name
            guard let status = p.status.containerStatuses?.first(where: { $0.name == c.name }) else { continue }
            if let started = status.state?.running?.startedAt?.seconds,
               let readyCond = p.status.condition("Ready"), readyCond.status == "True",
               let ready = readyCond.lastTransitionTime?.seconds {
                let secs = Int(ready - started)
                if secs > 0 { e.observedStartups.append((name, secs)) }
            }
            let spec = p.spec.containers.first { $0.name == c.name }
            for term in [status.lastState?.terminated, status.state?.terminated].compactMap({ $0 }) where term.reason == "OOMKilled" {
                if let limit = spec?.resources?.limits?["memory"] {
                    e.oomKilledAt.append((name, limit, status.restartCount ?? 0))
                }
            }
            if status.state?.waiting?.reason == "CrashLoopBackOff", let spec,
               spec.image == c.image, spec.command == c.command, spec.args == c.args {
                let last = status.lastState?.terminated
                if last?.reason != "OOMKilled" {
                    e.crashing.append((name, status.restartCount ?? 0, last?.exitCode, last?.reason))
                }
            }
        }
        return e
    }
}
