import Foundation

/// `pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go`: prefers nodes
/// whose CPU and memory would be used in equal shares: (1 − std deviation of the fractions)
/// × 100, each fraction capped at 1. The requests are the pods' own (not the non-zero ones).
struct BalancedAllocation: ScorePlugin {
    let name = "NodeResourcesBalancedAllocation"

    func score(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64 {
        Self.score(cycle.shape.request, s.nodes[node].requested, s.nodes[node].allocatable, v120: false)
    }

    func scoreV120(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64 {
        Self.score(cycle.shape.request, s.nodes[node].requested, s.nodes[node].allocatable, v120: true)
    }

    /// v1.20 (`balanced_allocation.go` of that release): (1 − |cpu − memory fraction|) × 100.
    static func score(_ r: Resources, _ used: Resources, _ a: Resources, v120: Bool) -> Int64 {
        func fraction(_ req: Int64, _ cap: Int64) -> Double { cap == 0 ? 0 : min(Double(req) / Double(cap), 1) }
        let cpu = fraction(used.milliCPU + r.milliCPU, a.milliCPU)
        let mem = fraction(used.memory + r.memory, a.memory)
        if v120 {
            if cpu >= 1 || mem >= 1 { return 0 }
            return Int64((1 - abs(cpu - mem)) * 100)
        }
        let mean = (cpu + mem) / 2
        let std = (((cpu - mean) * (cpu - mean) + (mem - mean) * (mem - mean)) / 2).squareRoot()
        return Int64((1 - std) * 100)
    }
}
