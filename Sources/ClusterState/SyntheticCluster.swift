import KubeModel

/// A generated cluster of any size, for benchmarks and scale tests: `nodes` workers in three
/// zones, each running `podsPerNode` pods of 10-replica Deployments with a Service and a
/// PodDisruptionBudget each, all Running and Ready.
public enum SyntheticCluster {
    public static func objects(nodes: Int, podsPerNode: Int) -> [KubeObject] {
        var out: [KubeObject] = []
        for n in 0..<nodes {
            let meta = ObjectMeta(name: nodeName(n), labels: [
                "kubernetes.io/hostname": nodeName(n),
                "topology.kubernetes.io/zone": "zone-\(n % 3)",
            ])
            var status = NodeStatus()
            status.allocatable = ["cpu": .milli(16_000), "memory": .units(64 << 30), "pods": .units(110)]
            status.conditions = [NodeCondition("Ready", "True")]
            out.append(.node(Node(metadata: meta, spec: NodeSpec(), status: status)))
        }
        let replicas = 10
        let total = nodes * podsPerNode
        let deployments = max(1, total / replicas)
        out.append(.namespace(Namespace(metadata: ObjectMeta(name: "apps"))))
        for d in 0..<deployments {
            let name = "app-\(d)"
            let labels = ["app": name]
            let spec = podSpec(cpu: 200, memoryMi: 256)
            let template = PodTemplateSpec(metadata: ObjectMeta(labels: labels), spec: spec)
            let dep = Deployment(metadata: ObjectMeta(name: name, namespace: "apps", labels: labels),
                                 spec: DeploymentSpec(replicas: replicas, selector: LabelSelector(matchLabels: labels), template: template))
            out.append(.deployment(dep))
            out.append(.service(Service(metadata: ObjectMeta(name: name, namespace: "apps"),
                                        spec: ServiceSpec(selector: labels, ports: [ServicePort(port: 80)]))))
            out.append(.podDisruptionBudget(PodDisruptionBudget(
                metadata: ObjectMeta(name: name, namespace: "apps"),
                spec: PodDisruptionBudgetSpec(selector: LabelSelector(matchLabels: labels), minAvailable: .int(replicas - 2)))))
            for r in 0..<replicas {
                let index = d * replicas + r
                var meta = ObjectMeta(name: "\(name)-7d4b9c-\(r)", namespace: "apps", labels: labels.merging(["pod-template-hash": "7d4b9c"]) { a, _ in a })
                meta.ownerReferences = [OwnerReference(kind: "ReplicaSet", name: "\(name)-7d4b9c")]
                var pod = Pod(metadata: meta, spec: spec)
                // Spread replicas round-robin so each node carries podsPerNode pods.
                pod.spec.nodeName = nodeName(index % nodes)
                var status = PodStatus()
                status.phase = "Running"
                status.conditions = [PodCondition(type: "Ready", status: "True", lastTransitionTime: "2024-05-01T10:00:30Z")]
                pod.status = status
                out.append(.pod(pod))
            }
        }
        return out
    }

    /// A typical proposed change: a new 3-replica Deployment with a Service-style label.
    public static func proposal(name: String = "checkout") -> KubeObject {
        let labels = ["app": name]
        let spec = podSpec(cpu: 500, memoryMi: 512)
        return .deployment(Deployment(
            metadata: ObjectMeta(name: name, namespace: "apps", labels: labels),
            spec: DeploymentSpec(replicas: 3, selector: LabelSelector(matchLabels: labels),
                                 template: PodTemplateSpec(metadata: ObjectMeta(labels: labels), spec: spec))))
    }

    static func nodeName(_ n: Int) -> String { "node-\(n)" }

    static func podSpec(cpu: Int64, memoryMi: Int64) -> PodSpec {
        var c = Container(name: "app", resources: ResourceRequirements(
            requests: ["cpu": .milli(cpu), "memory": .units(memoryMi << 20)],
            limits: ["memory": .units(memoryMi << 21)]))
        c.image = "registry.example.com/app:1.0"
        c.ports = [ContainerPort(name: "http", containerPort: 8080)]
        var probe = Probe(httpGet: HTTPGetAction(path: "/ready", port: .string("http")))
        probe.periodSeconds = 5
        c.readinessProbe = probe
        return PodSpec(containers: [c])
    }
}
