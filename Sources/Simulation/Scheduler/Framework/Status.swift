/// What a plugin says about a pod and a node (`pkg/scheduler/framework/interface.go`, `Code`).
public enum StatusCode: Sendable, Hashable {
    /// The pod does not fit, but removing pods (preemption) might make it fit.
    case unschedulable
    /// The pod does not fit, and preemption cannot change that (a selector, a taint).
    case unschedulableAndUnresolvable
}

/// A plugin's refusal: its code, its reasons in kube-scheduler's words, and who said it.
public struct Status: Sendable, Hashable {
    public var code: StatusCode
    public var reasons: [String]
    public var plugin: String

    public init(_ code: StatusCode, _ reasons: [String], plugin: String) {
        self.code = code; self.reasons = reasons; self.plugin = plugin
    }

    static func unschedulable(_ plugin: String, _ reasons: String...) -> Status { Status(.unschedulable, reasons, plugin: plugin) }
    static func unresolvable(_ plugin: String, _ reasons: String...) -> Status {
        Status(.unschedulableAndUnresolvable, reasons, plugin: plugin)
    }
}
