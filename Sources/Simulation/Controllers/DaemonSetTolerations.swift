import KubeModel

/// The tolerations the DaemonSet controller adds to every pod it makes, so that daemons run
/// on cordoned, not-ready and pressured nodes (`pkg/controller/daemon/util/daemonset_util.go`,
/// `AddOrUpdateDaemonPodTolerations`).
enum DaemonSetTolerations {
    static func add(to spec: PodSpec) -> [Toleration] {
        var list = spec.tolerationsOrEmpty
        var wanted: [Toleration] = [
            Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute"),
            Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute"),
            Toleration(key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule"),
            Toleration(key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule"),
            Toleration(key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule"),
            Toleration(key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule"),
        ]
        if spec.hostNetwork == true {
            wanted.append(Toleration(key: "node.kubernetes.io/network-unavailable", operator: "Exists", effect: "NoSchedule"))
        }
        for t in wanted where !list.contains(where: { $0.key == t.key && $0.effect == t.effect }) { list.append(t) }
        return list
    }
}
