import KubeModel
import Simulation
import Planner

public struct AnalysisOptions: Sendable {
    /// How many faults the planner may chain.
    public var depth: Int = 2
    /// How many simulated states the planner may explore.
    public var maxStates: Int = 20_000
    public init(depth: Int = 2, maxStates: Int = 20_000) { self.depth = depth; self.maxStates = maxStates }
}

/// Judges a change against a cluster: simulate with and without it, search for harm, decide.
public struct Analyzer: Sendable {
    public let cluster: Cluster
    public let options: AnalysisOptions

    public init(cluster: Cluster, options: AnalysisOptions = .init()) {
        self.cluster = cluster; self.options = options
    }

    /// `deadline`: when the answer is due; a search still running then is cut short.
    public func analyze(_ change: Change, deadline: ContinuousClock.Instant? = nil) -> Report {
        // Replaced by the real pipeline in this work.
        Report(verdict: .allow, findings: [], search: SearchSummary())
    }
}
