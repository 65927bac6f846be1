import KubeModel
import Simulation
import Planner

/// `premortem plan`: the cluster as it stands, judged against single faults (or chains up
/// to a depth): which node loss or slow dependency empties a Service, breaks a disruption
/// budget or starts a restart loop. No change is proposed, so every harm found is reported.
public enum Resilience {
    public static func report(cluster: Cluster, depth: Int, maxStates: Int = 20_000,
                              deadline: ContinuousClock.Instant? = nil, workers: Int = AnalysisOptions.cores) -> Report {
        var start = SimState(cluster)
        start.settle()
        start.markSettled()
        let events = candidateEvents(start)
        let bounds = SearchBounds(depth: depth, maxStates: maxStates, deadline: deadline, workers: workers)
        let settled = start
        let found = BoundedSearch.run(start: settled, events: events, bounds: bounds) { s in
            RiskSearch.goals(s, start: settled, target: nil, wholeCluster: true)
                .map { (key: $0.key, payload: $0, result: RiskSearch.outcome($0.finding)) }
        }
        let findings = found.reached.map { r -> Finding in
            var f = r.payload.finding
            f.plan = r.plan
            f.message += " after \(r.events.map(\.description).joined(separator: " + "))"
            f.severity = RiskSearch.severity(f.severity, faults: r.events.count)
            return f
        }
        return Report(verdict: Verdict.of(findings.map(\.severity)), findings: Analyzer.order(findings),
                      search: SearchSummary(complete: found.complete, cutShortReason: found.cutShortReason,
                                            statesExplored: found.statesExplored, depth: depth))
    }

    /// Every node (one per symmetry class) and every component a liveness probe depends on.
    static func candidateEvents(_ s: SimState) -> [FaultEvent] {
        var events: [FaultEvent] = []
        var classes = Set<RiskSearch.NodeClass>()
        for (i, node) in s.nodes.enumerated() {
            var labels = node.labels
            labels["kubernetes.io/hostname"] = nil
            // Nodes that carry different workloads are not interchangeable.
            let owners = s.nodePods[i].compactMap { s.pods[$0].owner }.sorted()
            let cls = RiskSearch.NodeClass(labels: labels, taints: node.taints, allocatable: node.allocatable,
                                           requested: node.requested, targetPods: owners.hashValue)
            if classes.insert(cls).inserted { events.append(.nodeFailure(node: node.name)) }
        }
        var components = Set<String>()
        for (i, w) in s.workloads.enumerated() where !s.livePods(of: i).isEmpty {
            for c in w.template?.spec.containers ?? [] {
                components.formUnion(Dependencies.of(c, podLabels: w.template?.labels ?? [:]))
            }
        }
        for c in components.sorted() { events.append(.dependencySlow(component: c, seconds: Timing.dependencySlowSeconds)) }
        return events
    }
}
