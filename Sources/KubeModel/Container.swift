public struct ContainerPort: Sendable, Hashable, Encodable {
    public var name: String?
    public var containerPort: Int
    public var hostPort: Int?
    public var hostIP: String?
    public var `protocol`: String?
}

public struct ResourceRequirements: Sendable, Hashable, Encodable {
    public var requests: [String: Quantity]?
    public var limits: [String: Quantity]?
    public init(requests: [String: Quantity]? = nil, limits: [String: Quantity]? = nil) {
        self.requests = requests; self.limits = limits
    }
}

/// A ConfigMap or Secret a container reads through `env[].valueFrom` or `envFrom`. The
/// kubelet refuses to start the container while a non-optional one is missing
/// (`CreateContainerConfigError`). Values are never kept.
public struct ObjectReference: Sendable, Hashable, Encodable {
    /// `ConfigMap` or `Secret`.
    public var kind: String
    public var name: String
    public var optional: Bool

    public init(kind: String, name: String, optional: Bool = false) {
        self.kind = kind; self.name = name; self.optional = optional
    }
}

public struct Capabilities: Sendable, Hashable, Encodable {
    public var add: [String]?
    public var drop: [String]?
}

public struct SeccompProfile: Sendable, Hashable, Encodable {
    public var type: String?
    public var localhostProfile: String?
}

public struct SELinuxOptions: Sendable, Hashable, Encodable {
    public var user: String?
    public var role: String?
    public var type: String?
    public var level: String?
}

/// The fields of a container's `securityContext` that Pod Security admission and the
/// kubelet check.
public struct SecurityContext: Sendable, Hashable {
    public var privileged: Bool?
    public var allowPrivilegeEscalation: Bool?
    public var capabilities: Capabilities?
    public var runAsNonRoot: Bool?
    public var runAsUser: Int?
    public var runAsGroup: Int?
    public var readOnlyRootFilesystem: Bool?
    public var procMount: String?
    public var seccompProfile: SeccompProfile?
    public var seLinuxOptions: SELinuxOptions?
    public var appArmorProfile: SeccompProfile?
    public var windowsHostProcess: Bool?
    public init() {}
}

public struct Container: Sendable, Hashable {
    public var name: String
    public var image: String?
    public var command: [String]?
    public var args: [String]?
    public var ports: [ContainerPort]?
    public var resources: ResourceRequirements?
    /// `Always` on an init container makes it a sidecar (restartable init container).
    public var restartPolicy: String?
    /// ConfigMaps and Secrets the environment is read from (`env[].valueFrom`, `envFrom`).
    public var envSources: [ObjectReference]?
    /// Probes and the security context, in a box: a probe alone is 240 bytes, and with them
    /// inline a container was a kilobyte, held by every template, shape and fingerprint.
    private var boxed: Boxed?

    public init(name: String, resources: ResourceRequirements? = nil) {
        self.name = name; self.resources = resources
    }

    public var livenessProbe: Probe? {
        get { boxed?.liveness }
        set { rebox(newValue, readinessProbe, startupProbe, securityContext) }
    }
    public var readinessProbe: Probe? {
        get { boxed?.readiness }
        set { rebox(livenessProbe, newValue, startupProbe, securityContext) }
    }
    public var startupProbe: Probe? {
        get { boxed?.startup }
        set { rebox(livenessProbe, readinessProbe, newValue, securityContext) }
    }
    public var securityContext: SecurityContext? {
        get { boxed?.securityContext }
        set { rebox(livenessProbe, readinessProbe, startupProbe, newValue) }
    }

    private mutating func rebox(_ liveness: Probe?, _ readiness: Probe?, _ startup: Probe?, _ context: SecurityContext?) {
        boxed = liveness == nil && readiness == nil && startup == nil && context == nil ? nil : Boxed(liveness, readiness, startup, context)
    }

    private final class Boxed: Sendable, Hashable {
        let liveness: Probe?, readiness: Probe?, startup: Probe?
        let securityContext: SecurityContext?
        init(_ liveness: Probe?, _ readiness: Probe?, _ startup: Probe?, _ context: SecurityContext?) {
            self.liveness = liveness; self.readiness = readiness; self.startup = startup; securityContext = context
        }
        static func == (a: Boxed, b: Boxed) -> Bool {
            a === b || (a.liveness == b.liveness && a.readiness == b.readiness && a.startup == b.startup && a.securityContext == b.securityContext)
        }
        func hash(into h: inout Hasher) { h.combine(liveness); h.combine(readiness); h.combine(startup); h.combine(securityContext) }
    }

    public var portsOrEmpty: [ContainerPort] { ports ?? [] }
    public func declaresPort(named name: String) -> Bool { portsOrEmpty.contains { $0.name == name } }
    public var isSidecar: Bool { restartPolicy == "Always" }

    /// Requests, with the API server's rule that a limit without a request sets the request
    /// (`pkg/apis/core/v1/defaults.go`, `SetDefaults_Pod`).
    public var effectiveRequests: [String: Quantity] {
        var r = resources?.requests ?? [:]
        for (k, v) in resources?.limits ?? [:] where r[k] == nil { r[k] = v }
        return r
    }
}

extension ContainerPort: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(containerPort: 0)
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "name": name = try r.readStringOrNil()
            case "containerPort": containerPort = try r.readInt()
            case "hostPort": hostPort = try r.readIntOrNil()
            case "hostIP": hostIP = try r.readStringOrNil()
            case "protocol": `protocol` = try r.readStringOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension ResourceRequirements: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init()
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "requests": requests = try r.readQuantityMap()
            case "limits": limits = try r.readQuantityMap()
            default: try r.skipValue()
            }
        }
    }
}

extension Capabilities: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "add": add = try r.readStringArray()
            case "drop": drop = try r.readStringArray()
            default: try r.skipValue()
            }
        }
    }
}

extension SeccompProfile: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "type": type = try r.readStringOrNil()
            case "localhostProfile": localhostProfile = try r.readStringOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension SELinuxOptions: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "user": user = try r.readStringOrNil()
            case "role": role = try r.readStringOrNil()
            case "type": type = try r.readStringOrNil()
            case "level": level = try r.readStringOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension SecurityContext: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init()
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "privileged": privileged = try r.readBoolOrNil()
            case "allowPrivilegeEscalation": allowPrivilegeEscalation = try r.readBoolOrNil()
            case "capabilities": capabilities = try r.read(Capabilities.self)
            case "runAsNonRoot": runAsNonRoot = try r.readBoolOrNil()
            case "runAsUser": runAsUser = try r.readIntOrNil()
            case "runAsGroup": runAsGroup = try r.readIntOrNil()
            case "readOnlyRootFilesystem": readOnlyRootFilesystem = try r.readBoolOrNil()
            case "procMount": procMount = try r.readStringOrNil()
            case "seccompProfile": seccompProfile = try r.read(SeccompProfile.self)
            case "seLinuxOptions": seLinuxOptions = try r.read(SELinuxOptions.self)
            case "appArmorProfile": appArmorProfile = try r.read(SeccompProfile.self)
            case "windowsOptions":
                if r.readNull() { continue }
                try r.beginObject()
                while let k = try r.nextKey() {
                    if case "hostProcess" = k { windowsHostProcess = try r.readBoolOrNil() } else { try r.skipValue() }
                }
            default: try r.skipValue()
            }
        }
    }
}

extension Container: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(name: "")
        var named = false
        var sources: [ObjectReference] = []
        var liveness: Probe?, readiness: Probe?, startup: Probe?, context: SecurityContext?
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "name": name = try r.readString(); named = true
            case "image": image = try r.readInternedString()
            case "command": command = try r.readStringArray()
            case "args": args = try r.readStringArray()
            case "ports": ports = try r.readArray(of: ContainerPort.self)
            case "resources": resources = try r.read(ResourceRequirements.self)
            case "livenessProbe": liveness = try r.read(Probe.self)
            case "readinessProbe": readiness = try r.read(Probe.self)
            case "startupProbe": startup = try r.read(Probe.self)
            case "restartPolicy": restartPolicy = try r.readStringOrNil()
            case "securityContext": context = try r.read(SecurityContext.self)
            case "env": try Self.readEnv(&r, into: &sources)
            case "envFrom": try Self.readEnvFrom(&r, into: &sources)
            default: try r.skipValue()
            }
        }
        if !named { throw r.missing("name") }
        envSources = sources.isEmpty ? nil : sources
        rebox(liveness, readiness, startup, context)
    }

    /// Only `valueFrom.configMapKeyRef` / `secretKeyRef` matter: a literal value cannot keep a
    /// container from starting, and values may be secrets.
    private static func readEnv(_ r: inout JSONReader, into out: inout [ObjectReference]) throws(DecodeError) {
        if r.readNull() { return }
        try r.beginArray()
        while try r.nextElement() {
            try r.beginObject()
            while let key = try r.nextKey() {
                guard case "valueFrom" = key, !r.readNull() else { try r.skipValue(); continue }
                try r.beginObject()
                while let from = try r.nextKey() {
                    switch from {
                    case "configMapKeyRef": if let ref = try readRef(&r, kind: "ConfigMap") { out.append(ref) }
                    case "secretKeyRef": if let ref = try readRef(&r, kind: "Secret") { out.append(ref) }
                    default: try r.skipValue()
                    }
                }
            }
        }
    }

    private static func readEnvFrom(_ r: inout JSONReader, into out: inout [ObjectReference]) throws(DecodeError) {
        if r.readNull() { return }
        try r.beginArray()
        while try r.nextElement() {
            try r.beginObject()
            while let key = try r.nextKey() {
                switch key {
                case "configMapRef": if let ref = try readRef(&r, kind: "ConfigMap") { out.append(ref) }
                case "secretRef": if let ref = try readRef(&r, kind: "Secret") { out.append(ref) }
                default: try r.skipValue()
                }
            }
        }
    }

    /// `{name, optional}` of a ConfigMap/Secret reference (key selectors and env sources alike).
    static func readRef(_ r: inout JSONReader, kind: String, nameKey: StaticString = "name") throws(DecodeError) -> ObjectReference? {
        if r.readNull() { return nil }
        var ref = ObjectReference(kind: kind, name: "")
        try r.beginObject()
        while let key = try r.nextKey() {
            if nameKey ~= key { ref.name = try r.readStringOrNil() ?? "" }
            else if case "optional" = key { ref.optional = try r.readBoolOrNil() ?? false }
            else { try r.skipValue() }
        }
        return ref
    }
}
