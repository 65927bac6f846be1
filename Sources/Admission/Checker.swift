import KubeModel
import Simulation

/// `premortem check`: judges proposed objects one after another against a cluster, each
/// seeing the earlier ones applied, as a sequence of applies would.
public struct Checker: Sendable {
    public private(set) var analyzer: Analyzer
    public var cluster: Cluster { analyzer.cluster }

    public init(cluster: Cluster, options: AnalysisOptions = .init()) {
        analyzer = Analyzer(cluster: cluster, options: options)
    }

    public struct Result: Sendable, Codable {
        public var object: ObjectRef
        public var operation: Operation
        public var report: Report
        public init(object: ObjectRef, operation: Operation, report: Report) {
            self.object = object; self.operation = operation; self.report = report
        }
    }

    /// `operation` nil means CREATE, or UPDATE when an object of that kind/namespace/name exists.
    public mutating func check(_ objects: [KubeObject], operation: Operation? = nil,
                               deadline: ContinuousClock.Instant? = nil) -> [Result] {
        var out: [Result] = []
        for o in objects {
            let existing = cluster.objects[o.ref]
            let op = operation ?? (existing == nil ? .create : .update)
            let change = Change(operation: op, object: op == .delete ? nil : o, oldObject: existing ?? (op == .delete ? o : nil))
            let report = analyzer.analyze(change, deadline: deadline)
            out.append(Result(object: o.ref, operation: op, report: report))
            analyzer = analyzer.applying(change)
        }
        return out
    }

    /// The verdict of a whole run: the most severe of its reports.
    public static func verdict(_ results: [Result]) -> Verdict { results.map(\.report.verdict).max() ?? .allow }
}
