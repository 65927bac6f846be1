import KubeModel

/// The admission operation, as in `AdmissionRequest.operation`.
public enum Operation: String, Sendable, Codable, CaseIterable {
    case create = "CREATE"
    case update = "UPDATE"
    case delete = "DELETE"
    case connect = "CONNECT"
}

/// A proposed change to the cluster: what kube-apiserver asks us about.
public struct Change: Sendable {
    public var operation: Operation
    /// The object after the change; nil on DELETE.
    public var object: KubeObject?
    /// The object before the change (UPDATE/DELETE), if the caller has it.
    public var oldObject: KubeObject?

    public init(operation: Operation, object: KubeObject?, oldObject: KubeObject? = nil) {
        self.operation = operation; self.object = object; self.oldObject = oldObject
    }

    public var ref: ObjectRef? { (object ?? oldObject)?.ref }
}
