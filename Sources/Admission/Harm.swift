import KubeModel
import Simulation

/// A finding with the identity used to tell what the change introduced from what the
/// cluster already suffered.
struct Harm: Hashable, Sendable {
    var finding: Finding
    var key: String { "\(finding.type.rawValue)|\(finding.object)|\(cause)" }
    var cause: String
}
