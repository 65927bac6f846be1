public struct ContainerStateRunning: Sendable, Hashable, Codable { public var startedAt: String? }
public struct ContainerStateWaiting: Sendable, Hashable, Codable { public var reason: String?; public var message: String? }
public struct ContainerStateTerminated: Sendable, Hashable, Codable {
    public var exitCode: Int?
    public var reason: String?
    public var startedAt: String?
    public var finishedAt: String?
    public var message: String?
}

public struct ContainerState: Sendable, Hashable, Codable {
    public var running: ContainerStateRunning?
    public var waiting: ContainerStateWaiting?
    public var terminated: ContainerStateTerminated?
}

public struct ContainerStatus: Sendable, Hashable, Codable {
    public var name: String
    public var ready: Bool?
    public var started: Bool?
    public var restartCount: Int?
    public var state: ContainerState?
    public var lastState: ContainerState?
    public var image: String?
}

public struct PodCondition: Sendable, Hashable, Codable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastTransitionTime: String?
}

public struct PodStatus: Sendable, Hashable, Codable {
    public var phase: String?
    public var conditions: [PodCondition]?
    public var containerStatuses: [ContainerStatus]?
    public var initContainerStatuses: [ContainerStatus]?
    public var startTime: String?
    public var nominatedNodeName: String?
    public init() {}

    public func condition(_ type: String) -> PodCondition? { conditions?.first { $0.type == type } }
}

public struct Pod: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodSpec
    public var status: PodStatus?

    public init(metadata: ObjectMeta, spec: PodSpec, status: PodStatus? = nil) {
        self.apiVersion = "v1"; self.kind = "Pod"
        self.metadata = metadata; self.spec = spec; self.status = status
    }

    /// A mirror pod stands for a static pod manifest on its node (kubelet `config.mirror`).
    public var isMirror: Bool { metadata.annotationsOrEmpty["kubernetes.io/config.mirror"] != nil }
    public var phase: String { status?.phase ?? "Pending" }
    public var isReady: Bool { status?.condition("Ready")?.status == "True" }
    public var isTerminal: Bool { phase == "Succeeded" || phase == "Failed" }
}
