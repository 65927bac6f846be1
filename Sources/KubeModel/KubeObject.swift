/// The identity of an object: kind, namespace (empty for cluster-scoped kinds) and name.
public struct ObjectRef: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var kind: String
    public var namespace: String?
    public var name: String

    public init(kind: String, namespace: String?, name: String) {
        self.kind = kind
        self.namespace = (namespace?.isEmpty ?? true) ? nil : namespace
        self.name = name
    }

    public var description: String {
        if let namespace { return "\(kind) \(namespace)/\(name)" }
        return "\(kind) \(name)"
    }

    public static func < (a: ObjectRef, b: ObjectRef) -> Bool {
        (a.kind, a.namespace ?? "", a.name) < (b.kind, b.namespace ?? "", b.name)
    }
}

/// An object of a kind the simulation does not model, kept so that it can be reported.
public struct OpaqueObject: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String
    public var metadata: ObjectMeta?
}

/// Any object Premortem reads, dispatched on `kind`.
public enum KubeObject: Sendable, Hashable {
    case namespace(Namespace)
    case node(Node)
    case pod(Pod)
    case deployment(Deployment)
    case replicaSet(ReplicaSet)
    case statefulSet(StatefulSet)
    case daemonSet(DaemonSet)
    case job(Job)
    case cronJob(CronJob)
    case service(Service)
    case podDisruptionBudget(PodDisruptionBudget)
    case resourceQuota(ResourceQuota)
    case limitRange(LimitRange)
    case priorityClass(PriorityClass)
    case horizontalPodAutoscaler(HorizontalPodAutoscaler)
    case opaque(OpaqueObject)

    /// Kinds that live outside namespaces.
    public static let clusterScopedKinds: Set<String> = ["Namespace", "Node", "PriorityClass"]

    public var kind: String {
        switch self {
        case .namespace: "Namespace"
        case .node: "Node"
        case .pod: "Pod"
        case .deployment: "Deployment"
        case .replicaSet: "ReplicaSet"
        case .statefulSet: "StatefulSet"
        case .daemonSet: "DaemonSet"
        case .job: "Job"
        case .cronJob: "CronJob"
        case .service: "Service"
        case .podDisruptionBudget: "PodDisruptionBudget"
        case .resourceQuota: "ResourceQuota"
        case .limitRange: "LimitRange"
        case .priorityClass: "PriorityClass"
        case .horizontalPodAutoscaler: "HorizontalPodAutoscaler"
        case .opaque(let o): o.kind
        }
    }

    public var metadata: ObjectMeta {
        switch self {
        case .namespace(let o): o.metadata
        case .node(let o): o.metadata
        case .pod(let o): o.metadata
        case .deployment(let o): o.metadata
        case .replicaSet(let o): o.metadata
        case .statefulSet(let o): o.metadata
        case .daemonSet(let o): o.metadata
        case .job(let o): o.metadata
        case .cronJob(let o): o.metadata
        case .service(let o): o.metadata
        case .podDisruptionBudget(let o): o.metadata
        case .resourceQuota(let o): o.metadata
        case .limitRange(let o): o.metadata
        case .priorityClass(let o): o.metadata
        case .horizontalPodAutoscaler(let o): o.metadata
        case .opaque(let o): o.metadata ?? ObjectMeta()
        }
    }

    public var ref: ObjectRef {
        let m = metadata
        let ns = Self.clusterScopedKinds.contains(kind) ? nil : (m.namespace ?? "default")
        return ObjectRef(kind: kind, namespace: ns, name: m.nameOrEmpty)
    }

    public var isOpaque: Bool { if case .opaque = self { true } else { false } }

    /// The pod template of a workload, if the object has one.
    public var podTemplate: PodTemplateSpec? {
        switch self {
        case .deployment(let d): d.spec.template
        case .replicaSet(let r): r.spec.template
        case .statefulSet(let s): s.spec.template
        case .daemonSet(let d): d.spec.template
        case .job(let j): j.spec.template
        case .cronJob(let c): c.spec.jobTemplate.spec.template
        case .pod(let p): PodTemplateSpec(metadata: p.metadata, spec: p.spec)
        default: nil
        }
    }
}

extension KubeObject: Codable {
    private enum TypeKeys: String, CodingKey { case kind }

    public init(from decoder: any Decoder) throws {
        let kind = try decoder.container(keyedBy: TypeKeys.self).decodeIfPresent(String.self, forKey: .kind)
        switch kind {
        case "Namespace": self = .namespace(try Namespace(from: decoder))
        case "Node": self = .node(try Node(from: decoder))
        case "Pod": self = .pod(try Pod(from: decoder))
        case "Deployment": self = .deployment(try Deployment(from: decoder))
        case "ReplicaSet": self = .replicaSet(try ReplicaSet(from: decoder))
        case "StatefulSet": self = .statefulSet(try StatefulSet(from: decoder))
        case "DaemonSet": self = .daemonSet(try DaemonSet(from: decoder))
        case "Job": self = .job(try Job(from: decoder))
        case "CronJob": self = .cronJob(try CronJob(from: decoder))
        case "Service": self = .service(try Service(from: decoder))
        case "PodDisruptionBudget": self = .podDisruptionBudget(try PodDisruptionBudget(from: decoder))
        case "ResourceQuota": self = .resourceQuota(try ResourceQuota(from: decoder))
        case "LimitRange": self = .limitRange(try LimitRange(from: decoder))
        case "PriorityClass": self = .priorityClass(try PriorityClass(from: decoder))
        case "HorizontalPodAutoscaler": self = .horizontalPodAutoscaler(try HorizontalPodAutoscaler(from: decoder))
        case nil, "":
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "object has no kind"))
        default: self = .opaque(try OpaqueObject(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .namespace(let o): try o.encode(to: encoder)
        case .node(let o): try o.encode(to: encoder)
        case .pod(let o): try o.encode(to: encoder)
        case .deployment(let o): try o.encode(to: encoder)
        case .replicaSet(let o): try o.encode(to: encoder)
        case .statefulSet(let o): try o.encode(to: encoder)
        case .daemonSet(let o): try o.encode(to: encoder)
        case .job(let o): try o.encode(to: encoder)
        case .cronJob(let o): try o.encode(to: encoder)
        case .service(let o): try o.encode(to: encoder)
        case .podDisruptionBudget(let o): try o.encode(to: encoder)
        case .resourceQuota(let o): try o.encode(to: encoder)
        case .limitRange(let o): try o.encode(to: encoder)
        case .priorityClass(let o): try o.encode(to: encoder)
        case .horizontalPodAutoscaler(let o): try o.encode(to: encoder)
        case .opaque(let o): try o.encode(to: encoder)
        }
    }
}
