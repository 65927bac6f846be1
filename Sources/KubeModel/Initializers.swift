// Public memberwise initialisers, for code that builds objects rather than decoding them
// (generated clusters, tests).

extension NodeCondition {
    public init(_ type: String, _ status: String) { self.type = type; self.status = status }
}

extension PodCondition {
    public init(type: String, status: String, lastTransitionTime: Time? = nil) {
        self.type = type; self.status = status; self.lastTransitionTime = lastTransitionTime
    }
}

extension Namespace {
    public init(metadata: ObjectMeta) {
        self.apiVersion = "v1"; self.kind = "Namespace"; self.metadata = metadata
    }
}

extension ContainerPort {
    public init(name: String? = nil, containerPort: Int, hostPort: Int? = nil) {
        self.name = name; self.containerPort = containerPort; self.hostPort = hostPort
    }
}

extension HTTPGetAction {
    public init(path: String? = nil, port: IntOrString) { self.path = path; self.port = port }
}

extension DeploymentSpec {
    public init(replicas: Int?, selector: LabelSelector?, template: PodTemplateSpec) {
        self.replicas = replicas; self.selector = selector; self.template = template
    }
}

extension Deployment {
    public init(metadata: ObjectMeta, spec: DeploymentSpec) {
        self.apiVersion = "apps/v1"; self.kind = "Deployment"; self.metadata = metadata; self.spec = spec
    }
}

extension ServicePort {
    public init(port: Int, name: String? = nil) { self.name = name; self.port = port }
}

extension ServiceSpec {
    public init(selector: [String: String]?, ports: [ServicePort]?) { self.selector = selector; self.ports = ports }
}

extension Service {
    public init(metadata: ObjectMeta, spec: ServiceSpec?) {
        self.apiVersion = "v1"; self.kind = "Service"; self.metadata = metadata; self.spec = spec
    }
}

extension PodDisruptionBudgetSpec {
    public init(selector: LabelSelector?, minAvailable: IntOrString? = nil, maxUnavailable: IntOrString? = nil) {
        self.minAvailable = minAvailable; self.maxUnavailable = maxUnavailable; self.selector = selector
    }
}

extension PodDisruptionBudget {
    public init(metadata: ObjectMeta, spec: PodDisruptionBudgetSpec) {
        self.apiVersion = "policy/v1"; self.kind = "PodDisruptionBudget"; self.metadata = metadata; self.spec = spec
    }
}
