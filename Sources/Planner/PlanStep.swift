/// One step of a plan: an event, when it happens, and what it leads to.
public struct PlanStep: Sendable, Codable, Hashable {
    public var action: String
    public var target: String
    public var atSeconds: Int
    public var result: String
    public init(action: String, target: String, atSeconds: Int, result: String) {
        self.action = action; self.target = target; self.atSeconds = atSeconds; self.result = result
    }
}
