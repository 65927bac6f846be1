public struct ServicePort: Sendable, Hashable, Codable {
    public var name: String?
    public var port: Int
    public var targetPort: IntOrString?
}

public struct ServiceSpec: Sendable, Hashable, Codable {
    public var selector: [String: String]?
    public var ports: [ServicePort]?
    public var type: String?
}

public struct Service: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ServiceSpec?
    /// A Service without a selector has manually managed endpoints; it is never judged here.
    public var selector: [String: String]? {
        guard let s = spec?.selector, !s.isEmpty else { return nil }
        return s
    }
}

public struct PodDisruptionBudgetSpec: Sendable, Hashable, Codable {
    public var minAvailable: IntOrString?
    public var maxUnavailable: IntOrString?
    public var selector: LabelSelector?
}

public struct PodDisruptionBudget: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodDisruptionBudgetSpec
}

public struct ResourceQuotaSpec: Sendable, Hashable, Codable {
    public var hard: [String: Quantity]?
}

public struct ResourceQuotaStatus: Sendable, Hashable, Codable {
    public var hard: [String: Quantity]?
    public var used: [String: Quantity]?
}

public struct ResourceQuota: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ResourceQuotaSpec?
    public var status: ResourceQuotaStatus?
}

public struct LimitRangeItem: Sendable, Hashable, Codable {
    public var type: String
    public var `default`: [String: Quantity]?
    public var defaultRequest: [String: Quantity]?
    public var max: [String: Quantity]?
    public var min: [String: Quantity]?
}

public struct LimitRangeSpec: Sendable, Hashable, Codable {
    public var limits: [LimitRangeItem]
}

public struct LimitRange: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: LimitRangeSpec
}

public struct PriorityClass: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var value: Int
    public var globalDefault: Bool?
    public var preemptionPolicy: String?
}

public struct CrossVersionObjectReference: Sendable, Hashable, Codable {
    public var kind: String
    public var name: String
}

public struct HorizontalPodAutoscalerSpec: Sendable, Hashable, Codable {
    public var scaleTargetRef: CrossVersionObjectReference
    public var minReplicas: Int?
    public var maxReplicas: Int
}

public struct HorizontalPodAutoscaler: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: HorizontalPodAutoscalerSpec
}
