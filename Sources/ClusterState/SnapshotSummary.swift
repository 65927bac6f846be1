import KubeModel

extension Snapshot {
    /// One line for humans: "3 nodes, 42 pods, 7 workloads; kept 5 objects of kinds not
    /// modelled (ConfigMap ×3, Secret ×2)". Opaque kinds are worth a mention, not an error:
    /// a real cluster dump always holds ConfigMaps, Secrets and the like.
    public var summary: String {
        var nodes = 0, pods = 0, workloads = 0
        for object in objects {
            switch object {
            case .node: nodes += 1
            case .pod: pods += 1
            case .deployment, .statefulSet, .daemonSet, .job, .cronJob: workloads += 1
            // A ReplicaSet owned by a Deployment is part of that workload, not another one.
            case .replicaSet(let rs) where rs.metadata.controllerRef == nil: workloads += 1
            default: break
            }
        }
        var line = [Self.count(nodes, "node"), Self.count(pods, "pod"), Self.count(workloads, "workload")]
            .joined(separator: ", ")
        let opaqueTotal = opaqueKinds.values.reduce(0, +)
        if opaqueTotal > 0 {
            let kinds = opaqueKinds.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { "\($0.key) ×\($0.value)" }
                .joined(separator: ", ")
            line += "; kept \(Self.count(opaqueTotal, "object")) of kinds not modelled (\(kinds))"
        }
        return line
    }

    private static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
