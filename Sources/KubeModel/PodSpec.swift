/// The fields of a pod's `securityContext` that Pod Security admission checks.
public struct PodSecurityContext: Sendable, Hashable {
    public var runAsNonRoot: Bool?
    public var runAsUser: Int?
    public var runAsGroup: Int?
    public var seccompProfile: SeccompProfile?
    public var seLinuxOptions: SELinuxOptions?
    public var appArmorProfile: SeccompProfile?
    public var windowsHostProcess: Bool?
    /// Names of the sysctls set.
    public var sysctls: [String]?
    public init() {}
}

/// Everything in a pod spec but `nodeName`: what the pods of one template share.
public struct PodSpecFields: Sendable, Hashable, Encodable {
    public var containers: [Container]
    public var initContainers: [Container]?
    public var nodeSelector: [String: String]?
    public var affinity: Affinity?
    public var tolerations: [Toleration]?
    public var topologySpreadConstraints: [TopologySpreadConstraint]?
    public var priorityClassName: String?
    public var priority: Int?
    public var preemptionPolicy: String?
    public var restartPolicy: String?
    public var overhead: [String: Quantity]?
    public var hostNetwork: Bool?
    public var hostPID: Bool?
    public var hostIPC: Bool?
    public var schedulerName: String?
    public var terminationGracePeriodSeconds: Int?
    public var activeDeadlineSeconds: Int?
    public var serviceAccountName: String?
    public var automountServiceAccountToken: Bool?
    public var runtimeClassName: String?
    public var securityContext: PodSecurityContext?
    public var volumes: [Volume]?

    public init(containers: [Container]) { self.containers = containers }

    public var initContainersOrEmpty: [Container] { initContainers ?? [] }
    public var tolerationsOrEmpty: [Toleration] { tolerations ?? [] }
    public var restartPolicyOrDefault: String { restartPolicy ?? "Always" }
    public var volumesOrEmpty: [Volume] { volumes ?? [] }
}

/// A pod spec. Pods of one template differ only in `nodeName`, so everything else lives in a
/// shared, immutable box: 150,000 pods of a few thousand templates hold a few thousand specs.
/// Fields read and write as on the API type (`spec.containers`, `spec.tolerations = ...`).
@dynamicMemberLookup
public struct PodSpec: Sendable, Hashable, Encodable {
    public var nodeName: String?
    var storage: Storage

    public final class Storage: Sendable {
        let fields: PodSpecFields
        init(_ fields: PodSpecFields) { self.fields = fields }
    }

    public init(containers: [Container]) { storage = Storage(PodSpecFields(containers: containers)) }

    public init(_ fields: PodSpecFields, nodeName: String? = nil) {
        storage = Storage(fields); self.nodeName = nodeName
    }

    /// Identifies the shared box: specs decoded by one interner with equal fields have the same.
    public var storageIdentity: ObjectIdentifier { ObjectIdentifier(storage) }

    public var fields: PodSpecFields {
        get { storage.fields }
        set { storage = Storage(newValue) }
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<PodSpecFields, T>) -> T {
        get { storage.fields[keyPath: path] }
        set {
            var f = storage.fields
            f[keyPath: path] = newValue
            storage = Storage(f)
        }
    }

    public subscript<T>(dynamicMember path: KeyPath<PodSpecFields, T>) -> T { storage.fields[keyPath: path] }

    public static func == (a: PodSpec, b: PodSpec) -> Bool {
        a.nodeName == b.nodeName && (a.storage === b.storage || a.storage.fields == b.storage.fields)
    }

    public func hash(into h: inout Hasher) {
        h.combine(nodeName)
        h.combine(storage.fields)
    }

    private enum Keys: String, CodingKey { case nodeName }

    public func encode(to encoder: any Encoder) throws {
        try storage.fields.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encodeIfPresent(nodeName, forKey: .nodeName)
    }
}

public struct PodTemplateSpec: Sendable, Hashable, Encodable {
    public var metadata: ObjectMeta?
    public var spec: PodSpec
    public init(metadata: ObjectMeta?, spec: PodSpec) { self.metadata = metadata; self.spec = spec }
}

extension PodSecurityContext: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init()
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "runAsNonRoot": runAsNonRoot = try r.readBoolOrNil()
            case "runAsUser": runAsUser = try r.readIntOrNil()
            case "runAsGroup": runAsGroup = try r.readIntOrNil()
            case "seccompProfile": seccompProfile = try r.read(SeccompProfile.self)
            case "seLinuxOptions": seLinuxOptions = try r.read(SELinuxOptions.self)
            case "appArmorProfile": appArmorProfile = try r.read(SeccompProfile.self)
            case "sysctls":
                sysctls = try r.readArray { (r: inout JSONReader) throws(DecodeError) -> String in
                    var name = ""
                    try r.beginObject()
                    while let s = try r.nextKey() {
                        if case "name" = s { name = try r.readString() } else { try r.skipValue() }
                    }
                    return name
                }
            case "windowsOptions":
                if r.readNull() { continue }
                try r.beginObject()
                while let w = try r.nextKey() {
                    if case "hostProcess" = w { windowsHostProcess = try r.readBoolOrNil() } else { try r.skipValue() }
                }
            default: try r.skipValue()
            }
        }
    }
}

extension PodSpec: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var f = PodSpecFields(containers: [])
        var node: String?
        var sawContainers = false
        var serviceAccount: String?
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "containers": f.containers = try r.readArray(of: Container.self) ?? []; sawContainers = true
            case "initContainers": f.initContainers = try r.readArray(of: Container.self)
            case "nodeName": node = try r.readInternedString()
            case "nodeSelector": f.nodeSelector = try r.readStringMap().map(r.interner.map)
            case "affinity": f.affinity = try r.read(Affinity.self)
            case "tolerations": f.tolerations = try r.readArray(of: Toleration.self)
            case "topologySpreadConstraints": f.topologySpreadConstraints = try r.readArray(of: TopologySpreadConstraint.self)
            case "priorityClassName": f.priorityClassName = try r.readStringOrNil()
            case "priority": f.priority = try r.readIntOrNil()
            case "preemptionPolicy": f.preemptionPolicy = try r.readStringOrNil()
            case "restartPolicy": f.restartPolicy = try r.readStringOrNil()
            case "overhead": f.overhead = try r.readQuantityMap()
            case "hostNetwork": f.hostNetwork = try r.readBoolOrNil()
            case "hostPID": f.hostPID = try r.readBoolOrNil()
            case "hostIPC": f.hostIPC = try r.readBoolOrNil()
            case "schedulerName": f.schedulerName = try r.readStringOrNil()
            case "terminationGracePeriodSeconds": f.terminationGracePeriodSeconds = try r.readIntOrNil()
            case "activeDeadlineSeconds": f.activeDeadlineSeconds = try r.readIntOrNil()
            case "serviceAccountName": f.serviceAccountName = try r.readStringOrNil()
            case "serviceAccount": serviceAccount = try r.readStringOrNil()
            case "automountServiceAccountToken": f.automountServiceAccountToken = try r.readBoolOrNil()
            case "runtimeClassName": f.runtimeClassName = try r.readStringOrNil()
            case "securityContext": f.securityContext = try r.read(PodSecurityContext.self)
            case "volumes": f.volumes = try r.readArray(of: Volume.self)
            default: try r.skipValue()
            }
        }
        if !sawContainers { throw r.missing("containers") }
        // The deprecated `serviceAccount` is the same field (`pkg/apis/core/v1/conversion.go`).
        if f.serviceAccountName == nil { f.serviceAccountName = serviceAccount }
        nodeName = node
        storage = r.interner.spec(f)
    }
}

extension PodTemplateSpec: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var meta: ObjectMeta?
        var spec: PodSpec?
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "metadata": meta = try r.read(ObjectMeta.self)
            case "spec": spec = try r.read(PodSpec.self)
            default: try r.skipValue()
            }
        }
        guard let spec else { throw r.missing("spec") }
        self.init(metadata: meta, spec: spec)
    }
}
