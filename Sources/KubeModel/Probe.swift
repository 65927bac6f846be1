public struct HTTPGetAction: Sendable, Hashable, Codable {
    public var path: String?
    public var port: IntOrString
    public var host: String?
    public var scheme: String?
}

public struct TCPSocketAction: Sendable, Hashable, Codable {
    public var port: IntOrString
    public var host: String?
}

public struct GRPCAction: Sendable, Hashable, Codable {
    public var port: Int
    public var service: String?
}

public struct ExecAction: Sendable, Hashable, Codable {
    public var command: [String]?
}

/// A container probe with the API server's defaults applied on read
/// (`pkg/apis/core/v1/defaults.go`, `SetDefaults_Probe`).
public struct Probe: Sendable, Hashable, Codable {
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

    public var initialDelay: Int { max(0, initialDelaySeconds ?? 0) }
    public var period: Int { max(1, periodSeconds ?? 10) }
    public var timeout: Int { max(1, timeoutSeconds ?? 1) }
    public var failures: Int { max(1, failureThreshold ?? 3) }

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
