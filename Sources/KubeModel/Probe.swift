public struct HTTPGetAction: Sendable, Hashable, Encodable {
    public var path: String?
    public var port: IntOrString
    public var host: String?
    public var scheme: String?
}

public struct TCPSocketAction: Sendable, Hashable, Encodable {
    public var port: IntOrString
    public var host: String?
}

public struct GRPCAction: Sendable, Hashable, Encodable {
    public var port: Int
    public var service: String?
}

public struct ExecAction: Sendable, Hashable, Encodable {
    public var command: [String]?
}

/// A container probe with the API server's defaults applied on read
/// (`pkg/apis/core/v1/defaults.go`, `SetDefaults_Probe`).
public struct Probe: Sendable, Hashable, Encodable {
    public var exec: ExecAction?
    public var httpGet: HTTPGetAction?
    public var tcpSocket: TCPSocketAction?
    public var grpc: GRPCAction?
    public var initialDelaySeconds: Int?
    public var periodSeconds: Int?
    public var timeoutSeconds: Int?
    public var failureThreshold: Int?
    public var successThreshold: Int?
    public var terminationGracePeriodSeconds: Int?

    // Clamped to a day (a million for thresholds): the arithmetic on them must not overflow
    // whatever a manifest says, and nothing longer changes a prediction.
    public var initialDelay: Int { Self.clamp(initialDelaySeconds ?? 0, 0, 86_400) }
    public var period: Int { Self.clamp(periodSeconds ?? 10, 1, 86_400) }
    public var timeout: Int { Self.clamp(timeoutSeconds ?? 1, 1, 86_400) }
    public var failures: Int { Self.clamp(failureThreshold ?? 3, 1, 1_000_000) }

    static func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { min(max(v, lo), hi) }

    /// The named port the probe refers to, if it uses one.
    public var namedPort: String? {
        if case .string(let s)? = httpGet?.port, Int(s) == nil { return s }
        if case .string(let s)? = tcpSocket?.port, Int(s) == nil { return s }
        return nil
    }

    public init(httpGet: HTTPGetAction? = nil, exec: ExecAction? = nil) {
        self.httpGet = httpGet; self.exec = exec
    }
}

extension HTTPGetAction: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(port: .int(0))
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "path": path = try r.readStringOrNil()
            case "port": port = try IntOrString(json: &r)
            case "host": host = try r.readStringOrNil()
            case "scheme": scheme = try r.readStringOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension TCPSocketAction: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        port = .int(0)
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "port": port = try IntOrString(json: &r)
            case "host": host = try r.readStringOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension GRPCAction: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        port = 0
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "port": port = try r.readInt()
            case "service": service = try r.readStringOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension ExecAction: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let key = try r.nextKey() {
            if case "command" = key { command = try r.readStringArray() } else { try r.skipValue() }
        }
    }
}

extension Probe: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init()
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "exec": exec = try r.read(ExecAction.self)
            case "httpGet": httpGet = try r.read(HTTPGetAction.self)
            case "tcpSocket": tcpSocket = try r.read(TCPSocketAction.self)
            case "grpc": grpc = try r.read(GRPCAction.self)
            case "initialDelaySeconds": initialDelaySeconds = try r.readIntOrNil()
            case "periodSeconds": periodSeconds = try r.readIntOrNil()
            case "timeoutSeconds": timeoutSeconds = try r.readIntOrNil()
            case "failureThreshold": failureThreshold = try r.readIntOrNil()
            case "successThreshold": successThreshold = try r.readIntOrNil()
            case "terminationGracePeriodSeconds": terminationGracePeriodSeconds = try r.readIntOrNil()
            default: try r.skipValue()
            }
        }
    }
}
