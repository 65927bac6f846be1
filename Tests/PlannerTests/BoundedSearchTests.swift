import Synchronization
import Testing
import Fixtures
import KubeModel
import Simulation
@testable import Planner

/// The planner's breadth-first search and its three bounds: depth, states, deadline.
@Suite struct BoundedSearchTests {
    /// Three nodes, one web pod on each.
    func start() throws -> SimState {
        var s = try Fixture.settled(Fixture.node("n1"), Fixture.node("n2"), Fixture.node("n3"),
                                    Fixture.deployment("web", replicas: 3, cpu: "3"))
        s.markSettled()
        return s
    }

    let events: [FaultEvent] = [.nodeFailure(node: "n1"), .nodeFailure(node: "n2"), .nodeFailure(node: "n3")]

    func bounds(depth: Int = 2, maxStates: Int = 1000, deadline: ContinuousClock.Instant? = nil, workers: Int = 1) -> SearchBounds {
        SearchBounds(depth: depth, maxStates: maxStates, deadline: deadline, workers: workers)
    }

    /// Harm "down-k" once at least k nodes are NotReady.
    func nodesDown(_ s: SimState) -> [(key: String, payload: Int, result: String)] {
        let down = s.nodes.filter { !$0.ready }.count
        return (0..<down).map { (key: "down-\($0 + 1)", payload: $0 + 1, result: "\($0 + 1) nodes down") }
    }

    @Test func depthZeroExploresNothing() throws {
        let calls = Mutex(0)
        let r = BoundedSearch.run(start: try start(), events: events, bounds: bounds(depth: 0)) { s in
            calls.withLock { $0 += 1 }; return nodesDown(s)
        }
        #expect(r.statesExplored == 0)
        #expect(calls.withLock { $0 } == 0)
        #expect(r.reached.isEmpty)
        #expect(r.complete)
    }

    @Test func depthOneExploresOnlySingleEvents() throws {
        let sizes = Mutex<[Int]>([])
        let r = BoundedSearch.run(start: try start(), events: events, bounds: bounds(depth: 1)) { s in
            sizes.withLock { $0.append(s.nodes.filter { !$0.ready }.count) }; return nodesDown(s)
        }
        #expect(r.statesExplored == 3)
        #expect(sizes.withLock { $0 } == [1, 1, 1])
        #expect(r.reached.map(\.key) == ["down-1"])
        #expect(r.reached.allSatisfy { $0.events.count == 1 && $0.plan.count == 1 })
        #expect(r.complete)
        #expect(r.cutShortReason == nil)
    }

    @Test func depthTwoExploresEachPairOnce() throws {
        // 3 single events + 3 unordered pairs: order does not matter, so {a, b} = {b, a}.
        let r = BoundedSearch.run(start: try start(), events: events, bounds: bounds(depth: 2), evaluate: nodesDown)
        #expect(r.statesExplored == 6)
        #expect(r.complete)
        // The shallowest plan for each harm: one event for down-1, two for down-2.
        #expect(r.reached.map(\.key) == ["down-1", "down-2"])
        #expect(r.reached.map(\.plan.count) == [1, 2])
    }

    @Test func stateBoundCutsShort() throws {
        let r = BoundedSearch.run(start: try start(), events: events, bounds: bounds(maxStates: 1), evaluate: nodesDown)
        #expect(r.complete == false)
        #expect(r.statesExplored == 1)
        #expect(r.cutShortReason?.contains("state bound") == true, "\(r.cutShortReason ?? "nil")")
        // What was found before the cut is kept.
        #expect(r.reached.map(\.key) == ["down-1"])
    }

    /// Several threads explore a depth at once, yet the plans, their order and the cut at
    /// the state bound are those of one thread.
    @Test(arguments: [1000, 4, 1]) func workersChangeNothing(maxStates: Int) throws {
        let s = try start()
        let one = BoundedSearch.run(start: s, events: events, bounds: bounds(depth: 2, maxStates: maxStates), evaluate: nodesDown)
        for workers in [2, 3, 8] {
            let many = BoundedSearch.run(start: s, events: events, bounds: bounds(depth: 2, maxStates: maxStates, workers: workers), evaluate: nodesDown)
            #expect(many.statesExplored == one.statesExplored)
            #expect(many.complete == one.complete)
            #expect(many.cutShortReason == one.cutShortReason)
            #expect(many.reached.map(\.key) == one.reached.map(\.key))
            #expect(many.reached.map(\.plan) == one.reached.map(\.plan))
            #expect(many.reached.map(\.events) == one.reached.map(\.events))
        }
    }

    @Test func stateBoundOfExactlyAllStatesIsComplete() throws {
        let r = BoundedSearch.run(start: try start(), events: events, bounds: bounds(depth: 2, maxStates: 6), evaluate: nodesDown)
        #expect(r.complete)
        #expect(r.statesExplored == 6)
    }

    @Test func pastDeadlineCutsShort() throws {
        let past = ContinuousClock.now - .seconds(1)
        let r = BoundedSearch.run(start: try start(), events: events, bounds: bounds(deadline: past), evaluate: nodesDown)
        #expect(r.complete == false)
        #expect(r.statesExplored == 0)
        #expect(r.cutShortReason?.contains("deadline") == true, "\(r.cutShortReason ?? "nil")")
    }

    @Test func farDeadlineDoesNotCut() throws {
        let r = BoundedSearch.run(start: try start(), events: events, bounds: bounds(deadline: .now + .seconds(600)), evaluate: nodesDown)
        #expect(r.complete)
    }

    @Test func noEventsIsCompleteAndEmpty() throws {
        let r = BoundedSearch.run(start: try start(), events: [], bounds: bounds(), evaluate: nodesDown)
        #expect(r.complete)
        #expect(r.statesExplored == 0)
    }

    @Test func planStepsCarryActionTargetTimeAndResult() throws {
        let r = BoundedSearch.run(start: try start(), events: events, bounds: bounds(depth: 2), evaluate: nodesDown)
        let two = try #require(r.reached.first { $0.key == "down-2" })
        #expect(two.plan.map(\.action) == ["NodeFailure", "NodeFailure"])
        #expect(two.plan.map(\.target) == ["n1", "n2"])
        // A node failure plays out over 340 s (40 s grace + 300 s toleration): the second
        // event starts when the first has settled.
        #expect(two.plan.map(\.atSeconds) == [0, 340])
        #expect(two.plan[0].result.hasPrefix("n1 NotReady after 40 s; 1 pod evicted at 340 s"), "\(two.plan[0].result)")
        // The last step names the harm it reaches.
        #expect(two.plan[1].result.hasSuffix("; 2 nodes down"), "\(two.plan[1].result)")
        #expect(!two.plan[0].result.contains("nodes down"))
    }

    @Test func replayReachesTheSameState() throws {
        let s = try start()
        let replayed = BoundedSearch.replay([.nodeFailure(node: "n2")], on: s)
        #expect(replayed.nodes.map(\.ready) == [true, false, true])
        #expect(replayed.clock == 340)
        // The start is a value and unchanged.
        #expect(s.nodes.allSatisfy { $0.ready })
    }
}
