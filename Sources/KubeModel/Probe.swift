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
