import KubeModel

/// Recognises liveness probes that depend on another component, so that the component's
/// slowness fails them: the probe says what it calls, we name the component.
public enum Dependencies {
    /// The components a container's liveness check needs to answer in time.
    public static func of(_ c: Container, podLabels: [String: String]) -> [String] {
        guard let probe = c.livenessProbe else { return [] }
        var deps: [String] = []
        if let cmd = probe.exec?.command?.joined(separator: " ") {
            // `etcdctl get` is a linearizable read: it needs a ReadIndex round through the
            // leader and the apply loop, so it blocks while the WAL fsync stalls. Reads with
            // --consistency=s are served locally.
            if cmd.contains("etcdctl"), !cmd.contains("--consistency=s"), cmd.contains(" get ") || cmd.hasSuffix(" get") || cmd.contains("endpoint health") {
                deps.append("etcd")
            }
        }
        if let h = probe.httpGet {
            let path = h.path ?? "/"
            let component = podLabels["component"] ?? c.name
            // etcd's /health is linearizable unless it asks for serializable=true.
            if component == "etcd", path.hasPrefix("/health"), !path.contains("serializable=true") { deps.append("etcd") }
            // kube-apiserver's /livez and /healthz include its etcd check.
            if component == "kube-apiserver", ["/livez", "/healthz"].contains(where: { path.hasPrefix($0) }) { deps.append("etcd") }
            // Controllers lose their lease and exit when kube-apiserver is gone.
            if ["kube-controller-manager", "kube-scheduler"].contains(component) { deps.append("kube-apiserver") }
        }
        return deps
    }

    /// How a container's liveness probe depends on `component`, in words for a plan.
    public static func explain(_ c: Container, component: String) -> String {
        guard let probe = c.livenessProbe else { return "its liveness probe needs \(component)" }
        if let cmd = probe.exec?.command?.joined(separator: " "), cmd.contains("etcdctl") {
            return "its liveness probe runs `etcdctl get`, a linearizable read that needs a quorum round through \(component)"
        }
        if let h = probe.httpGet {
            return "its liveness probe GET \(h.path ?? "/") needs \(component)"
        }
        return "its liveness probe needs \(component)"
    }

    /// The component a pod provides, for kubeadm's static pods and anything labelled alike.
    public static func component(of labels: [String: String], containers: [Container]) -> String? {
        if let c = labels["component"] { return c }
        if let c = containers.first?.name, ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"].contains(c) { return c }
        return nil
    }
}
