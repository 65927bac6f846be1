/// Why a document could not be read as the object it claims to be, with the field at fault
/// (`spec.template.spec.containers[0].resources.limits.memory`).
public struct DecodeError: Error, Sendable, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path; self.message = message
    }

    public var description: String { path.isEmpty ? message : "field \(path): \(message)" }
}
