/// A pod volume, reduced to what decides whether the pod can start and where it can run:
/// which kind of source it is (Pod Security admission allows some kinds only) and which
/// objects it needs (a missing ConfigMap, Secret or PersistentVolumeClaim keeps the pod from
/// starting). Contents, mount details and the volume's own name are not kept: the API server
/// names each pod's service-account volume at random (`kube-api-access-x7k2p`), and keeping
/// it would make every pod's spec unique where the pods of a template share one.
public struct Volume: Sendable, Hashable {
    /// The source's field name in the API: `configMap`, `secret`, `persistentVolumeClaim`,
    /// `hostPath`, `emptyDir`, `projected`, `ephemeral`, ...
    public var source: String
    /// ConfigMaps, Secrets and PersistentVolumeClaims the volume needs.
    public var references: [ObjectReference]
    public var hostPath: String?

    public init(source: String, references: [ObjectReference] = [], hostPath: String? = nil) {
        self.source = source; self.references = references; self.hostPath = hostPath
    }

    /// A name for writing the volume back: the API requires one.
    var writtenName: String { source + "-" + (references.first?.name ?? "volume") }
}

extension Volume: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    private struct Ref: Encodable {
        var name: String?
        var secretName: String?
        var claimName: String?
        var optional: Bool?
    }
    private struct Projected: Encodable { var sources: [[String: Ref]] }
    private struct HostPath: Encodable { var path: String }
    private struct Empty: Encodable {}

    /// Written back in the API's own shape, so that a snapshot we write reads the same.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(writtenName, forKey: Key("name"))
        func ref(_ r: ObjectReference) -> Ref {
            switch r.kind {
            case "Secret": Ref(secretName: source == "projected" ? nil : r.name, optional: r.optional ? true : nil)
            case "PersistentVolumeClaim": Ref(claimName: r.name)
            default: Ref(name: r.name, optional: r.optional ? true : nil)
            }
        }
        switch source {
        case "configMap", "secret", "persistentVolumeClaim":
            try c.encode(references.first.map(ref) ?? Ref(), forKey: Key(source))
        case "projected":
            let sources = references.map { r -> [String: Ref] in
                r.kind == "Secret" ? ["secret": Ref(name: r.name, optional: r.optional ? true : nil)] : ["configMap": ref(r)]
            }
            try c.encode(Projected(sources: sources), forKey: Key(source))
        case "hostPath": try c.encode(HostPath(path: hostPath ?? "/"), forKey: Key(source))
        default: try c.encode(Empty(), forKey: Key(source))
        }
    }
}

extension Volume: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(source: "")
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "name": try r.skipValue()
            case "configMap":
                source = "configMap"
                if let ref = try Container.readRef(&r, kind: "ConfigMap") { references.append(ref) }
            case "secret":
                source = "secret"
                if let ref = try Container.readRef(&r, kind: "Secret", nameKey: "secretName") { references.append(ref) }
            case "persistentVolumeClaim":
                source = "persistentVolumeClaim"
                if let ref = try Container.readRef(&r, kind: "PersistentVolumeClaim", nameKey: "claimName") { references.append(ref) }
            case "projected":
                source = "projected"
                try Self.readProjected(&r, into: &references)
            case "hostPath":
                source = "hostPath"
                if r.readNull() { continue }
                try r.beginObject()
                while let h = try r.nextKey() {
                    if case "path" = h { hostPath = try r.readStringOrNil() } else { try r.skipValue() }
                }
            default:
                source = k.string
                try r.skipValue()
            }
        }
    }

    private static func readProjected(_ r: inout JSONReader, into refs: inout [ObjectReference]) throws(DecodeError) {
        if r.readNull() { return }
        try r.beginObject()
        while let k = try r.nextKey() {
            guard case "sources" = k, !r.readNull() else { try r.skipValue(); continue }
            try r.beginArray()
            while try r.nextElement() {
                try r.beginObject()
                while let s = try r.nextKey() {
                    switch s {
                    case "configMap": if let ref = try Container.readRef(&r, kind: "ConfigMap") { refs.append(ref) }
                    case "secret": if let ref = try Container.readRef(&r, kind: "Secret") { refs.append(ref) }
                    default: try r.skipValue()
                    }
                }
            }
        }
    }
}
