public struct ContainerPort: Sendable, Hashable, Codable {
    public var name: String?
    public var containerPort: Int
    public var hostPort: Int?
    public var hostIP: String?
    public var `protocol`: String?
}

public struct ResourceRequirements: Sendable, Hashable, Codable {
    public var requests: [String: Quantity]?
    public var limits: [String: Quantity]?
    public init(requests: [String: Quantity]? = nil, limits: [String: Quantity]? = nil) {
        self.requests = requests; self.limits = limits
    }
}

public struct Container: Sendable, Hashable, Codable {
    public var name: String
    public var image: String?
    public var command: [String]?
    public var args: [String]?
    public var ports: [ContainerPort]?
    public var resources: ResourceRequirements?
    public var livenessProbe: Probe?
    public var readinessProbe: Probe?
    public var startupProbe: Probe?
    /// `Always` on an init container makes it a sidecar (restartable init container).
    public var restartPolicy: String?

    public init(name: String, resources: ResourceRequirements? = nil) {
        self.name = name; self.resources = resources
    }

    public var portsOrEmpty: [ContainerPort] { ports ?? [] }
    public func declaresPort(named name: String) -> Bool { portsOrEmpty.contains { $0.name == name } }
    public var isSidecar: Bool { restartPolicy == "Always" }

    /// Requests, with the API server's rule that a limit without a request sets the request.
    public var effectiveRequests: [String: Quantity] {
        var r = resources?.requests ?? [:]
        for (k, v) in resources?.limits ?? [:] where r[k] == nil { r[k] = v }
        return r
    }
}
