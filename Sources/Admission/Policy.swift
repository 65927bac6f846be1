import KubeModel

/// How findings turn into answers.
public enum PolicyMode: String, Sendable, Codable, CaseIterable {
    /// Deny what would break, warn about what might.
    case enforce
    /// Never deny: denials become warnings (a safe way to roll Premortem out).
    case warn
    /// Allow everything without looking.
    case off
}

/// Which requests Premortem judges, and how hard.
public struct Policy: Sendable {
    /// The Namespace label that overrides `mode` for one namespace.
    public static let modeLabel = "premortem.io/mode"

    public var mode: PolicyMode
    public var excludedNamespaces: Set<String>
    public var exemptUsers: Set<String>
    public var exemptGroups: Set<String>

    public init(mode: PolicyMode = .enforce, excludedNamespaces: Set<String> = ["kube-system"],
                exemptUsers: Set<String> = [], exemptGroups: Set<String> = []) {
        self.mode = mode; self.excludedNamespaces = excludedNamespaces
        self.exemptUsers = exemptUsers; self.exemptGroups = exemptGroups
    }

    /// Why a request is let through without analysis, or nil if it must be analysed.
    public enum Skip: String, Sendable {
        case excludedNamespace = "excluded-namespace"
        case exemptUser = "exempt-user"
        case exemptGroup = "exempt-group"
        case notModelled = "kind-not-modelled"
        case modeOff = "mode-off"
        case connect = "connect"
    }

    /// The mode that applies in `namespace`, given that Namespace's labels (nil if unknown).
    /// An unreadable label value is ignored rather than trusted.
    public func mode(namespaceLabels: [String: String]?) -> PolicyMode {
        namespaceLabels?[Self.modeLabel].flatMap { PolicyMode(rawValue: $0.lowercased()) } ?? mode
    }

    public func skip(_ request: AdmissionRequest, namespaceLabels: [String: String]?) -> Skip? {
        if request.operation == .connect { return .connect }
        if let ns = request.namespace, !ns.isEmpty, excludedNamespaces.contains(ns) { return .excludedNamespace }
        if let user = request.userInfo.username, exemptUsers.contains(user) { return .exemptUser }
        if let groups = request.userInfo.groups, groups.contains(where: exemptGroups.contains) { return .exemptGroup }
        if mode(namespaceLabels: namespaceLabels) == .off { return .modeOff }
        let subject = request.object ?? request.oldObject
        guard let subject, Analyzer.analysedKinds.contains(subject.kind) else { return .notModelled }
        return nil
    }

    /// The verdict after the mode has had its say: in warn mode nothing is denied.
    public func effectiveVerdict(_ verdict: Verdict, mode: PolicyMode) -> Verdict {
        switch mode {
        case .enforce: verdict
        case .warn: min(verdict, .warn)
        case .off: .allow
        }
    }
}
