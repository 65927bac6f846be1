import Foundation
import KubeModel
import Simulation
import Planner

public struct AnalysisOptions: Sendable {
    /// How many faults the planner may chain.
    public var depth: Int = 2
    /// How many simulated states the planner may explore.
    public var maxStates: Int = 20_000
    /// Threads the planner explores states on (the verdict and plans do not depend on it).
    public var searchWorkers: Int
    public init(depth: Int = 2, maxStates: Int = 20_000, searchWorkers: Int = AnalysisOptions.cores) {
        self.depth = depth; self.maxStates = maxStates; self.searchWorkers = searchWorkers
    }

    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// Judges changes against a cluster: simulate the cluster with and without the change, keep
/// only the harm the change introduces, search for harm a few faults away, decide.
///
/// Building and settling the simulation of a whole cluster is the expensive part, so it is
/// done once, here, and each change is applied to a copy of that settled baseline.
///
/// Immutable, and shared by reference: the server hands the published one to every review,
/// and as a struct each hand-over copied the whole state (and a `Result` or `Mutex` holding
/// one inline crashed debug builds of the tests).
public final class Analyzer: Sendable {
    public let cluster: Cluster
    public let options: AnalysisOptions
    /// The cluster as it stands, settled: what every change is compared with.
    public let baseline: SimState

    public convenience init(cluster: Cluster, options: AnalysisOptions = .init()) {
        var state = SimState(cluster)
        state.settle()
        state.markSettled()
        self.init(cluster: cluster, options: options, baseline: state)
    }

    init(cluster: Cluster, options: AnalysisOptions, baseline: SimState) {
        self.cluster = cluster; self.options = options; self.baseline = baseline
    }

    /// The analyzer for the cluster after `change` was admitted.
    public func applying(_ change: Change) -> Analyzer { applying([change]) }

    /// The analyzer after a batch of changes (watch events, admitted objects), settled once.
    /// Each change is applied to the settled baseline in place; only a change that cannot be
    /// (a LimitRange, a deleted Node) makes it rebuild the state, once for the batch.
    public func applying(_ changes: [Change]) -> Analyzer {
        var next = cluster
        var state = baseline
        // Rebuilding from the objects drops deleted pods and unused shapes that incremental
        // applies leave behind; it costs a full build, so only when they dominate.
        var rebuild = state.needsCompaction
        for change in changes {
            next.apply(change)
            if !rebuild && !state.apply(change) { rebuild = true }
        }
        if rebuild { state = SimState(next) }
        state.settle()
        state.markSettled()
        return Analyzer(cluster: next, options: options, baseline: state)
    }

    /// Kinds whose changes the simulation judges; anything else is allowed at once.
    public static let analysedKinds: Set<String> = ["Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job",
                                                    "Service", "PodDisruptionBudget", "ResourceQuota", "LimitRange",
                                                    "PriorityClass", "Node", "Namespace", "ConfigMap", "Secret",
                                                    "ServiceAccount", "CronJob", "RuntimeClass", "PersistentVolumeClaim"]

    /// `deadline`: when the answer is due; a search still running then is cut short.
    public func analyze(_ change: Change, deadline: ContinuousClock.Instant? = nil) -> Report {
        guard let ref = change.ref, Self.analysedKinds.contains(ref.kind), change.operation != .connect else {
            return Report(verdict: .allow, findings: [], search: SearchSummary())
        }
        // Pods need these to exist; what they hold is not modelled, so only a DELETE can harm.
        if SimState.referencedKinds.contains(ref.kind) && change.operation != .delete {
            return Report(verdict: .allow, findings: [], search: SearchSummary())
        }
        if let refused = refusal(of: change, ref) { return refused }
        if ref.kind == "CronJob" { return analyzeCronJob(change, ref, deadline: deadline) }
        let before = baseline
        var after = baseline
        if !after.apply(change) { after = SimState(cluster.applying(change)) }
        after.settle()
        let target = change.operation == .delete ? nil : after.workloadIndex[ref]
        let beforeTarget = before.workloadIndex[ref]

        let known = Set(SteadyStateHarms.of(before, target: beforeTarget, before: nil).map(\.key))
        var harms = SteadyStateHarms.of(after, target: target, before: before).filter { !known.contains($0.key) }

        if change.operation != .delete {
            let seen = Set(harms.map(\.key))
            harms += BlockingBudgets.of(after, before: before, change: ref, target: target).filter { !seen.contains($0.key) }
        }
        if ReplacementHarms.dependencyKinds.contains(ref.kind), !(ref.kind == "Namespace" && change.operation == .delete) {
            let seen = Set(harms.map(\.key))
            harms += ReplacementHarms.of(after, before: before, change: ref).filter { !seen.contains($0.key) }
        }

        var search = SearchSummary(complete: true, statesExplored: 0, depth: options.depth)
        if let target, !harms.contains(where: { $0.finding.severity == .deny }) {
            var start = after
            start.markSettled()
            let bounds = SearchBounds(depth: options.depth, maxStates: options.maxStates, deadline: deadline,
                                      workers: options.searchWorkers)
            let result = RiskSearch.run(after: start, before: before, target: target, bounds: bounds)
            search = SearchSummary(complete: result.complete, cutShortReason: result.cutShortReason,
                                   statesExplored: result.statesExplored, depth: options.depth)
            let seen = Set(harms.map(\.key))
            harms += result.risks.filter { !seen.contains($0.key) }
        }
        let findings = Self.order(harms.map(\.finding))
        let verdict = Verdict.of(findings.map(\.severity))
        return Report(verdict: verdict, findings: findings, search: search)
    }

    /// A CronJob runs nothing until its schedule fires; then the CronJob controller creates a
    /// Job from its template. It is judged as that Job created now, so that a CronJob whose
    /// jobs can never run is found at admission, not at its first run. An UPDATE counts only
    /// what the Jobs of the old template did not already suffer.
    func analyzeCronJob(_ change: Change, _ ref: ObjectRef, deadline: ContinuousClock.Instant?) -> Report {
        guard change.operation != .delete, case .cronJob(let cron)? = change.object else {
            return Report(verdict: .allow, findings: [], search: SearchSummary())
        }
        let jobRef = ObjectRef(kind: "Job", namespace: ref.namespace, name: ref.name)
        let report = analyze(Change(operation: .create, object: .job(cron.job)), deadline: deadline)
        var findings = report.findings
        if change.operation == .update, case .cronJob(let old)? = change.oldObject ?? cluster[ref] {
            let known = Set(analyze(Change(operation: .create, object: .job(old.job)), deadline: deadline).findings.map { "\($0.type)|\($0.message)" })
            findings.removeAll { known.contains("\($0.type)|\($0.message)") }
        }
        findings = findings.map { f in
            guard f.object == jobRef else { return f }
            var f = f
            f.object = ref
            f.message = f.message.replacingOccurrences(of: jobRef.description, with: "the Jobs of \(ref)")
            return f
        }
        return Report(verdict: Verdict.of(findings.map(\.severity)), findings: findings, search: report.search)
    }

    /// A create the API server itself refuses (an invalid pod template, an object-count
    /// quota): nothing would be stored, so nothing is simulated. A validating webhook sees
    /// only what passed validation, but quota runs after it, so the server can meet both.
    func refusal(of change: Change, _ ref: ObjectRef) -> Report? {
        guard change.operation == .create || (change.operation == .update && cluster[ref] == nil), let o = change.object,
              let why = ObjectAdmission.refusal(creating: o, in: cluster,
                                                quotas: baseline.quotas.filter { $0.namespace == ref.namespace }.map(\.quota),
                                                limitRanges: baseline.limitRanges[ref.namespace ?? "default"] ?? [])
        else { return nil }
        let invalid = why.contains(" is invalid: ")
        let claim = why.hasPrefix("persistentvolumeclaims ")
        let finding = Finding(type: invalid ? .rolloutStuck : .quotaExceeded, severity: .deny, object: ref,
                              message: "the API server refuses \(ref): \(why)", evidence: [why],
                              fix: invalid ? Self.validationFix(why)
                                  : claim ? "request storage within the LimitRange of namespace \(ref.namespace ?? "default")" : "raise the quota of namespace \(ref.namespace ?? "default") or delete objects it counts")
        return Report(verdict: .deny, findings: [finding], search: SearchSummary())
    }

    /// The smallest fix for what validation named.
    static func validationFix(_ why: String) -> String {
        var fixes: [String] = []
        if why.contains("progressDeadlineSeconds") { fixes.append("set progressDeadlineSeconds above minReadySeconds") }
        if why.contains("maxSurge") { fixes.append("let maxSurge or maxUnavailable be above 0") }
        if why.contains("resources.requests") { fixes.append("state limits no lower than the requests in the pod template") }
        return fixes.isEmpty ? "correct the fields named" : fixes.joined(separator: "; ")
    }

    /// Most severe first; within a severity causes before consequences (a pod that fits
    /// nowhere before the rollout it stalls), then by object, so output is stable.
    static func order(_ f: [Finding]) -> [Finding] {
        f.sorted { ($1.severity, rank($0.type), $0.object, $0.message) < ($0.severity, rank($1.type), $1.object, $1.message) }
    }

    static func rank(_ t: FindingType) -> Int {
        switch t {
        case .restartLoop: 0
        case .unschedulable: 1
        case .quotaExceeded: 2
        case .eviction: 3
        case .serviceOutage: 4
        case .availabilityLoss: 5
        case .nodePressure: 6
        case .inertProbe: 7
        case .rolloutStuck: 8
        }
    }
}
