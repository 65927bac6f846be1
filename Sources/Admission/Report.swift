import KubeModel
import Planner

/// A finding's severity, or a whole report's verdict. `info` is a severity only: harm that
/// needs two or more faults at once is reported (in `check`, `plan`, JSON and audit
/// annotations) but never warned about on `kubectl apply`, where warnings are for harm one
/// ordinary event away (`../shared/scenarios/README.md`); a report with nothing worse allows.
public enum Verdict: String, Sendable, Codable, Comparable {
    case allow, info, warn, deny
    private var rank: Int { switch self { case .allow: 0; case .info: 1; case .warn: 2; case .deny: 3 } }

    /// The verdict of a report whose findings have these severities.
    public static func of(_ severities: [Verdict]) -> Verdict {
        let worst = severities.max() ?? .allow
        return worst == .info ? .allow : worst
    }
    public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }
}

/// The finding vocabulary of `../shared/scenarios/README.md`, plus `InertProbe`.
public enum FindingType: String, Sendable, Codable, CaseIterable {
    case restartLoop = "RestartLoop"
    case unschedulable = "Unschedulable"
    case quotaExceeded = "QuotaExceeded"
    case eviction = "Eviction"
    case serviceOutage = "ServiceOutage"
    case availabilityLoss = "AvailabilityLoss"
    case rolloutStuck = "RolloutStuck"
    case nodePressure = "NodePressure"
    /// A probe whose results the kubelet throws away (a liveness probe on an undeclared port).
    case inertProbe = "InertProbe"
}

public struct Finding: Sendable, Codable, Hashable {
    public var type: FindingType
    public var severity: Verdict
    public var object: ObjectRef
    public var message: String
    public var evidence: [String]
    public var fix: String?
    public var plan: [PlanStep]

    public init(type: FindingType, severity: Verdict, object: ObjectRef, message: String,
                evidence: [String] = [], fix: String? = nil, plan: [PlanStep] = []) {
        self.type = type; self.severity = severity; self.object = object; self.message = message
        self.evidence = evidence; self.fix = fix; self.plan = plan
    }
}

/// What the search did: a cut-short search never denies on its own.
public struct SearchSummary: Sendable, Codable, Hashable {
    public var complete: Bool
    public var cutShortReason: String?
    public var statesExplored: Int
    public var depth: Int
    public init(complete: Bool = true, cutShortReason: String? = nil, statesExplored: Int = 0, depth: Int = 0) {
        self.complete = complete; self.cutShortReason = cutShortReason
        self.statesExplored = statesExplored; self.depth = depth
    }
}

public struct Report: Sendable, Codable {
    public var verdict: Verdict
    public var findings: [Finding]
    public var search: SearchSummary
    public init(verdict: Verdict, findings: [Finding], search: SearchSummary) {
        self.verdict = verdict; self.findings = findings; self.search = search
    }
}
