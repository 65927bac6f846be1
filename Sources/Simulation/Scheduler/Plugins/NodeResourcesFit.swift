/// `pkg/scheduler/framework/plugins/noderesources/fit.go`: the pod's requests (with the
/// init-container, sidecar and overhead rule of `PodRequests`) must fit in what the node has
/// left, and the node must have room for one more pod. Scoring is LeastAllocated over CPU and
/// memory, on the scheduler's non-zero requests (`least_allocated.go`).
struct NodeResourcesFit: FilterPlugin, ScorePlugin {
    let name = "NodeResourcesFit"

    func filter(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Status? {
        if Self.fits(cycle.shape.request, s.nodes[node.index].allocatable, node.requested) { return nil }
        let reasons = Self.insufficient(cycle.shape.request, allocatable: s.nodes[node.index].allocatable, requested: node.requested)
        return reasons.isEmpty ? nil : Status(.unschedulable, reasons, plugin: name)
    }

    /// `fitsRequest`: pod count first, then each resource the pod asks for, in the order
    /// cpu, memory, ephemeral-storage, then extended resources by name.
    static func insufficient(_ r: Resources, allocatable a: Resources, requested used: Resources) -> [String] {
        var out: [String] = []
        if used.pods + 1 > a.pods { out.append("Too many pods") }
        if r.milliCPU == 0 && r.memory == 0 && r.ephemeralStorage == 0 && r.scalar.values.allSatisfy({ $0 == 0 }) { return out }
        if r.milliCPU > 0 && r.milliCPU > a.milliCPU - used.milliCPU { out.append("Insufficient cpu") }
        if r.memory > 0 && r.memory > a.memory - used.memory { out.append("Insufficient memory") }
        if r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - used.ephemeralStorage { out.append("Insufficient ephemeral-storage") }
        for (k, v) in r.scalar.sorted(by: { $0.key < $1.key }) where v > 0 && v > (a.scalar[k] ?? 0) - (used.scalar[k] ?? 0) {
            out.append("Insufficient \(k)")
        }
        return out
    }

    /// Whether the pod fits on numbers alone: the filter's hot path, with no reasons built.
    @inline(__always)
    static func fits(_ r: Resources, _ a: Resources, _ used: Resources) -> Bool {
        used.pods + 1 <= a.pods
            && (r.milliCPU == 0 || r.milliCPU <= a.milliCPU - used.milliCPU)
            && (r.memory == 0 || r.memory <= a.memory - used.memory)
            && (r.ephemeralStorage == 0 || r.ephemeralStorage <= a.ephemeralStorage - used.ephemeralStorage)
            && (r.scalar.isEmpty || r.scalar.allSatisfy { $0.value <= (a.scalar[$0.key] ?? 0) - (used.scalar[$0.key] ?? 0) })
    }

    /// `leastResourceScorer`: for CPU and memory (weight 1 each), (allocatable − requested) ×
    /// 100 / allocatable, requested including the pod; 0 when it does not fit.
    func score(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64 {
        let a = s.nodes[node].allocatable, used = s.nodes[node].nonZeroRequested
        let r = cycle.shape.scheduling.nonZeroRequest
        func least(_ requested: Int64, _ capacity: Int64) -> Int64 {
            if capacity == 0 || requested > capacity { return 0 }
            return (capacity - requested) * 100 / capacity
        }
        return (least(used.milliCPU + r.milliCPU, a.milliCPU) + least(used.memory + r.memory, a.memory)) / 2
    }
}
