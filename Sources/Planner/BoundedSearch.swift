import Simulation

public struct SearchBounds: Sendable {
    public var depth: Int
    public var maxStates: Int
    public var deadline: ContinuousClock.Instant?
    /// Threads that explore the states of one depth at once. The result does not depend on it.
    public var workers: Int
    public init(depth: Int, maxStates: Int, deadline: ContinuousClock.Instant?, workers: Int = 1) {
        self.depth = depth; self.maxStates = maxStates; self.deadline = deadline; self.workers = max(1, workers)
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
///
/// The states of one depth are independent of each other: they are explored on
/// `bounds.workers` threads and taken in the order a single thread would have taken them,
/// so the plans and the cut (at the state bound) are the same for any number of workers.
public enum BoundedSearch {
    public static func run<Payload: Sendable>(
        start: SimState, events: [FaultEvent], bounds: SearchBounds,
        evaluate: @Sendable (SimState) -> [(key: String, payload: Payload, result: String)]
    ) -> SearchResult<Payload> {
        var reached: [String: Reached<Payload>] = [:]
        var order: [String] = []
        var explored = 0
        var frontier: [Node] = [Node(applied: [], state: start, plan: [])]
        var seen = Set<[FaultEvent]>()
        let candidates = events.sorted()
        func result(complete: Bool, _ reason: String? = nil) -> SearchResult<Payload> {
            SearchResult(reached: order.compactMap { reached[$0] }, complete: complete, cutShortReason: reason, statesExplored: explored)
        }
        for _ in 0..<max(0, bounds.depth) {
            var work: [Step] = []
            for (k, node) in frontier.enumerated() {
                for e in candidates where !node.applied.contains(e) && seen.insert((node.applied + [e]).sorted()).inserted {
                    work.append(Step(parent: k, event: e))
                }
            }
            let room = max(0, bounds.maxStates - explored)
            let cutByBound = work.count > room
            if cutByBound { work = Array(work.prefix(room)) }
            let parents = frontier
            let deadline = bounds.deadline
            let outcomes = ParallelMap.map(work, workers: bounds.workers) { step -> Outcome<Payload>? in
                if let deadline, ContinuousClock.now >= deadline { return nil }
                var s = parents[step.parent].state
                let at = s.clock
                let effect = Effects.apply(step.event, to: &s)
                return Outcome(state: s, at: at, effect: effect, found: evaluate(s))
            }
            var next: [Node] = []
            for (step, outcome) in zip(work, outcomes) {
                guard let outcome else { return result(complete: false, "deadline reached after \(explored) states") }
                explored += 1
                let parent = parents[step.parent]
                let applied = parent.applied + [step.event]
                let taken = PlanStep(action: step.event.action, target: step.event.target, atSeconds: outcome.at, result: outcome.effect)
                let plan = parent.plan + [taken]
                for f in outcome.found where reached[f.key] == nil {
                    var steps = plan
                    steps[steps.count - 1].result = outcome.effect.isEmpty ? f.result : outcome.effect + "; " + f.result
                    reached[f.key] = Reached(key: f.key, payload: f.payload, events: applied, plan: steps)
                    order.append(f.key)
                }
                next.append(Node(applied: applied, state: outcome.state, plan: plan))
            }
            if cutByBound { return result(complete: false, "state bound of \(bounds.maxStates) reached") }
            frontier = next
            if frontier.isEmpty { break }
        }
        return result(complete: true)
    }

    /// A state the search reached, with the events and plan that lead to it.
    private struct Node: Sendable {
        var applied: [FaultEvent]
        var state: SimState
        var plan: [PlanStep]
    }

    /// One event applied to one state of the frontier.
    private struct Step: Sendable {
        var parent: Int
        var event: FaultEvent
    }

    private struct Outcome<Payload: Sendable>: Sendable {
        var state: SimState
        var at: Int
        var effect: String
        var found: [(key: String, payload: Payload, result: String)]
    }

    /// Replays a plan's events on another state (the cluster without the change) to see
    /// whether they reach the same harm there.
    public static func replay(_ events: [FaultEvent], on start: SimState) -> SimState {
        var s = start
        for e in events { _ = Effects.apply(e, to: &s) }
        return s
    }
}
