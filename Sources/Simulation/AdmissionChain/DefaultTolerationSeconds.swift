import KubeModel

/// The DefaultTolerationSeconds admission plugin
/// (`plugin/pkg/admission/defaulttolerationseconds/admission.go`): a pod that does not tolerate
/// the `not-ready` or `unreachable` NoExecute taint (by that key or an empty one, with that
/// effect or an empty one) gets a toleration of it for 300 s (the flags'
/// `--default-not-ready-toleration-seconds`, `--default-unreachable-toleration-seconds`): how
/// long its pods stay bound to a node that stopped reporting before the taint manager evicts
/// them (`Timing.defaultUnreachableToleration`).
enum DefaultTolerationSeconds {
    static let seconds = 300
    static let keys = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]

    static func apply(_ spec: PodSpec) -> PodSpec {
        var out = spec
        for key in keys {
            let tolerated = spec.tolerationsOrEmpty.contains { t in
                ((t.key ?? "") == key || (t.key ?? "").isEmpty) && ((t.effect ?? "") == "NoExecute" || (t.effect ?? "").isEmpty)
            }
            if !tolerated {
                out.tolerations = (out.tolerations ?? []) + [Toleration(key: key, operator: "Exists", effect: "NoExecute", tolerationSeconds: seconds)]
            }
        }
        return out
    }
}
