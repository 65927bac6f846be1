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

/// An object known by its metadata only: kinds the simulation needs the names of (ConfigMaps,
/// Secrets, ServiceAccounts: whether they exist, never their data) and kinds it does not
/// model at all, kept so that they can be reported.
public struct OpaqueObject: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String
    public var metadata: ObjectMeta?
    public init(apiVersion: String? = nil, kind: String, metadata: ObjectMeta?) {
        self.apiVersion = apiVersion; self.kind = kind; self.metadata = metadata
    }
}

/// Any object Premortem reads, dispatched on `kind`.
/// Pods (the bulk of a cluster, and of every list) are held inline; the larger kinds are
/// boxed, so that a collection of objects costs what pods cost, not what a Deployment does.
public enum KubeObject: Sendable, Hashable {
    indirect case namespace(Namespace)
    indirect case node(Node)
    case pod(Pod)
    indirect case deployment(Deployment)
    indirect case replicaSet(ReplicaSet)
    indirect case statefulSet(StatefulSet)
    indirect case daemonSet(DaemonSet)
    indirect case job(Job)
    indirect case cronJob(CronJob)
    indirect case service(Service)
    indirect case podDisruptionBudget(PodDisruptionBudget)
    indirect case resourceQuota(ResourceQuota)
    indirect case limitRange(LimitRange)
    indirect case priorityClass(PriorityClass)
    indirect case horizontalPodAutoscaler(HorizontalPodAutoscaler)
    indirect case runtimeClass(RuntimeClass)
    indirect case persistentVolumeClaim(PersistentVolumeClaim)
    indirect case persistentVolume(PersistentVolume)
    indirect case storageClass(StorageClass)
    /// ConfigMaps, Secrets and ServiceAccounts: metadata only.
    case reference(OpaqueObject)
    case opaque(OpaqueObject)

    /// Kinds that live outside namespaces.
    public static let clusterScopedKinds: Set<String> = [
        "Namespace", "Node", "PriorityClass", "RuntimeClass", "PersistentVolume", "StorageClass",
        "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration", "APIService", "CSIDriver", "CSINode", "IngressClass",
    ]

    /// Kinds read by name only (`.reference`).
    public static let referenceKinds: Set<String> = ["ConfigMap", "Secret", "ServiceAccount"]

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
        case .runtimeClass: "RuntimeClass"
        case .persistentVolumeClaim: "PersistentVolumeClaim"
        case .persistentVolume: "PersistentVolume"
        case .storageClass: "StorageClass"
        case .reference(let o), .opaque(let o): o.kind
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
        case .runtimeClass(let o): o.metadata
        case .persistentVolumeClaim(let o): o.metadata
        case .persistentVolume(let o): o.metadata
        case .storageClass(let o): o.metadata
        case .reference(let o), .opaque(let o): o.metadata ?? ObjectMeta()
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

extension KubeObject: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try self.init(json: &r, kind: nil)
    }

    /// An object of `kind` when it does not say (the items of a typed list from the API
    /// server carry no kind; a `PartialObjectMetadata` stands for an object of that kind).
    public init(json r: inout JSONReader, kind fallback: String?) throws(DecodeError) {
        var kind = try r.peekKind()
        if let fallback, kind == nil || kind == "" || kind == "PartialObjectMetadata" { kind = fallback }
        guard let kind, !kind.isEmpty else { throw r.error("object has no kind") }
        switch kind {
        case "Namespace": self = .namespace(try Namespace(json: &r))
        case "Node": self = .node(try Node(json: &r))
        case "Pod": self = .pod(try Pod(json: &r))
        case "Deployment": self = .deployment(try Deployment(json: &r))
        case "ReplicaSet": self = .replicaSet(try ReplicaSet(json: &r))
        case "StatefulSet": self = .statefulSet(try StatefulSet(json: &r))
        case "DaemonSet": self = .daemonSet(try DaemonSet(json: &r))
        case "Job": self = .job(try Job(json: &r))
        case "CronJob": self = .cronJob(try CronJob(json: &r))
        case "Service": self = .service(try Service(json: &r))
        case "PodDisruptionBudget": self = .podDisruptionBudget(try PodDisruptionBudget(json: &r))
        case "ResourceQuota": self = .resourceQuota(try ResourceQuota(json: &r))
        case "LimitRange": self = .limitRange(try LimitRange(json: &r))
        case "PriorityClass": self = .priorityClass(try PriorityClass(json: &r))
        case "HorizontalPodAutoscaler": self = .horizontalPodAutoscaler(try HorizontalPodAutoscaler(json: &r))
        case "RuntimeClass": self = .runtimeClass(try RuntimeClass(json: &r))
        case "PersistentVolumeClaim": self = .persistentVolumeClaim(try PersistentVolumeClaim(json: &r))
        case "PersistentVolume": self = .persistentVolume(try PersistentVolume(json: &r))
        case "StorageClass": self = .storageClass(try StorageClass(json: &r))
        default:
            let (v, m) = try TopLevel.read(&r) { (_: JSONKey, _: inout JSONReader) throws(DecodeError) -> Bool in false }
            let stub = OpaqueObject(apiVersion: v, kind: kind, metadata: m)
            self = Self.referenceKinds.contains(kind) ? .reference(stub) : .opaque(stub)
        }
    }
}

extension JSONReader {
    /// The `kind` of the object that comes next, read ahead without consuming anything.
    /// The whole object is scanned: with a duplicate `kind` the last one wins, as in Go's
    /// `encoding/json` (the API server's reading); taking the first would let
    /// `{"kind":"ConfigMap",...,"kind":"Deployment"}` pass as an unchecked ConfigMap.
    public mutating func peekKind() throws(DecodeError) -> String? {
        let (savedPos, savedDepth) = (pos, path.count)
        defer { pos = savedPos; path.removeSubrange(savedDepth...) }
        try beginObject()
        var kind: String?
        while let key = try nextKey() {
            if case "kind" = key { kind = try readStringOrNil() } else { try skipValue() }
        }
        return kind
    }
}

extension KubeObject: Encodable {
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
        case .runtimeClass(let o): try o.encode(to: encoder)
        case .persistentVolumeClaim(let o): try o.encode(to: encoder)
        case .persistentVolume(let o): try o.encode(to: encoder)
        case .storageClass(let o): try o.encode(to: encoder)
        case .reference(let o), .opaque(let o): try o.encode(to: encoder)
        }
    }
}
