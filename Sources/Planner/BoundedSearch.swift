import Simulation

public struct SearchBounds: Sendable {
    public var depth: Int
    public var maxStates: Int
    public var deadline: ContinuousClock.Instant?
    public init(depth: Int, maxStates: Int, deadline: ContinuousClock.Instant?) {
        self.depth = depth; self.maxStates = maxStates; self.deadline = deadline
    }
}

/// A harm the search reached, with the shortest plan that reaches it.
public struct Reached<Payload: Sendable>: Sendable {
    public var key: String
    public var payload: Payload
    public var events: [FaultEvent]
    public var plan: [PlanStep]
}

public struct SearchResult<Payload: Sendable>: Sendable {
    public var reached: [Reached<Payload>]
    public var complete: Bool
    public var cutShortReason: String?
    public var statesExplored: Int
}

/// Breadth-first search over sets of fault events, shallowest first, so the first plan that
/// reaches a harm is a shortest one. Events here commute (their order does not change the
/// end state), so a state is identified by its sorted set of events: that is the memo key.
public enum BoundedSearch {
    public static func run<Payload: Sendable>(
        start: SimState, events: [FaultEvent], bounds: SearchBounds,
        evaluate: (SimState) -> [(key: String, payload: Payload, result: String)]
    ) -> SearchResult<Payload> {
        var reached: [String: Reached<Payload>] = [:]
        var order: [String] = []
        var explored = 0
        var frontier: [([FaultEvent], SimState, [PlanStep])] = [([], start, [])]
        var seen = Set<[FaultEvent]>()
        let clock = ContinuousClock()
        let candidates = events.sorted()
        for _ in 0..<max(0, bounds.depth) {
            var next: [([FaultEvent], SimState, [PlanStep])] = []
            for (applied, state, plan) in frontier {
                for e in candidates where !applied.contains(e) {
                    let key = (applied + [e]).sorted()
                    if !seen.insert(key).inserted { continue }
                    if let d = bounds.deadline, clock.now >= d {
                        return SearchResult(reached: order.compactMap { reached[$0] }, complete: false,
                                            cutShortReason: "deadline reached after \(explored) states", statesExplored: explored)
                    }
                    if explored >= bounds.maxStates {
                        return SearchResult(reached: order.compactMap { reached[$0] }, complete: false,
                                            cutShortReason: "state bound of \(bounds.maxStates) reached", statesExplored: explored)
                    }
                    explored += 1
                    var s = state
                    let at = s.clock
                    let result = Effects.apply(e, to: &s)
                    let found = evaluate(s)
                    var steps = plan + [PlanStep(action: e.action, target: e.target, atSeconds: at, result: result)]
                    for f in found where reached[f.key] == nil {
                        steps[steps.count - 1].result = result.isEmpty ? f.result : result + "; " + f.result
                        reached[f.key] = Reached(key: f.key, payload: f.payload, events: applied + [e], plan: steps)
                        order.append(f.key)
                    }
                    next.append((applied + [e], s, plan + [PlanStep(action: e.action, target: e.target, atSeconds: at, result: result)]))
                }
            }
            frontier = next
            if frontier.isEmpty { break }
        }
        return SearchResult(reached: order.compactMap { reached[$0] }, complete: true, cutShortReason: nil, statesExplored: explored)
    }

    /// Replays a plan's events on another state (the cluster without the change) to see
    /// whether they reach the same harm there.
    public static func replay(_ events: [FaultEvent], on start: SimState) -> SimState {
        var s = start
        for e in events { _ = Effects.apply(e, to: &s) }
        return s
    }
}
