import KubeModel

/// kube-scheduler's filter plugins (`pkg/scheduler/framework/plugins`): each says whether a
/// pod may go on a node and, if not, why in the words the scheduler uses.
enum Filters {
    /// Taints the node lifecycle controller puts on a node that is not Ready.
    static let notReadyTaints = [Taint(key: "node.kubernetes.io/unreachable", effect: "NoSchedule"),
                                 Taint(key: "node.kubernetes.io/unreachable", effect: "NoExecute")]

    /// Filters that preemption cannot change: everything but resources and ports.
    static func staticReason(_ shape: PodShape, pinned: Int?, node: SimNode, index: Int) -> String? {
        if let pinned, pinned != index { return "didn't match the pod's node name" }
        if let ns = shape.spec.nodeSelector {
            for (k, v) in ns where node.labels[k] != v { return "didn't match Pod's node affinity/selector" }
        }
        if let terms = shape.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
           !terms.isEmpty, !terms.contains(where: { termMatches($0, node) }) {
            return "didn't match Pod's node affinity/selector"
        }
        let tolerations = shape.spec.tolerationsOrEmpty
        if node.unschedulable {
            let t = Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule")
            if !tolerations.contains(where: { $0.tolerates(t) }) { return "node(s) were unschedulable" }
        }
        let taints = node.ready ? node.taints : node.taints + notReadyTaints
        for t in taints where t.effect == "NoSchedule" || t.effect == "NoExecute" {
            if !tolerations.contains(where: { $0.tolerates(t) }) {
                return "node(s) had untolerated taint {\(t.key)\(t.value.map { "=" + $0 } ?? ""):\(t.effect)}"
            }
        }
        return nil
    }

    static func termMatches(_ term: NodeSelectorTerm, _ node: borrowing SimNode) -> Bool {
        if (term.matchExpressions ?? []).isEmpty && (term.matchFields ?? []).isEmpty { return false }
        for r in term.matchExpressions ?? [] {
            if !LabelSelector.requirementMatches(key: r.key, op: r.operator, values: r.values ?? [], labels: node.labels) { return false }
        }
        for r in term.matchFields ?? [] where r.key == "metadata.name" {
            if !LabelSelector.requirementMatches(key: r.key, op: r.operator, values: r.values ?? [], labels: ["metadata.name": node.name]) { return false }
        }
        return true
    }

    /// The static filters as a yes/no answer, without building reasons: the scheduler's hot
    /// path over thousands of nodes.
    static func staticPass(_ shape: PodShape, node: borrowing SimNode) -> Bool {
        if let ns = shape.spec.nodeSelector {
            for (k, v) in ns where node.labels[k] != v { return false }
        }
        let tolerations = shape.spec.tolerations ?? []
        if node.unschedulable {
            let t = Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule")
            if !tolerations.contains(where: { $0.tolerates(t) }) { return false }
        }
        if !node.ready {
            for t in notReadyTaints where !tolerations.contains(where: { $0.tolerates(t) }) { return false }
        }
        for t in node.taints where t.effect == "NoSchedule" || t.effect == "NoExecute" {
            if !tolerations.contains(where: { $0.tolerates(t) }) { return false }
        }
        if let terms = shape.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
           !terms.isEmpty, !terms.contains(where: { termMatches($0, node) }) {
            return false
        }
        return true
    }

    /// Whether the pod's CPU, memory and pod count fit what the node has left.
    @inline(__always)
    static func quickFit(_ r: Resources, _ n: borrowing SimNode) -> Bool {
        n.allocatable.pods - n.requested.pods >= 1
            && (r.milliCPU == 0 || r.milliCPU <= n.allocatable.milliCPU - n.requested.milliCPU)
            && (r.memory == 0 || r.memory <= n.allocatable.memory - n.requested.memory)
    }

    /// NodeResourcesFit and NodePorts against what is free on the node.
    static func fitReasons(_ shape: PodShape, free: Resources, usedPorts: [HostPort]) -> [String] {
        var out: [String] = []
        if free.pods < 1 { out.append("Too many pods") }
        out += free.shortfalls(for: shape.request).map { "Insufficient \($0)" }
        if shape.hostPorts.contains(where: { hp in usedPorts.contains { $0.conflicts(with: hp) } }) {
            out.append("node(s) didn't have free ports for the requested pod ports")
        }
        return out
    }
}
