import KubeModel
import Simulation

/// Small YAML builders for test clusters: every test states its cluster in the words of a
/// manifest, decoded by the same `ManifestDecoder` the tool uses.
public enum Fixture {
    public static func objects(_ yaml: String) throws -> [KubeObject] {
        try ManifestDecoder.decodeAll(yaml, source: "test")
    }

    /// A state built from the YAML documents and settled.
    public static func settled(_ docs: String...) throws -> SimState {
        var s = SimState(Cluster(objects: try objects(docs.joined(separator: "\n---\n"))))
        s.settle()
        return s
    }

    public static func indent(_ text: String, _ n: Int) -> String {
        let pad = String(repeating: " ", count: n)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }

    public static func node(_ name: String, cpu: String = "4", memory: String = "8Gi", pods: Int = 110,
                     labels: [String: String] = [:], taints: String? = nil,
                     unschedulable: Bool = false, ready: Bool = true) -> String {
        var labelLines = "    kubernetes.io/hostname: \(name)\n"
        for (k, v) in labels.sorted(by: { $0.key < $1.key }) { labelLines += "    \(k): \"\(v)\"\n" }
        var spec = "spec:\n  unschedulable: \(unschedulable)\n"
        if let taints { spec += "  taints:\n" + indent(taints, 2) + "\n" }
        return """
            apiVersion: v1
            kind: Node
            metadata:
              name: \(name)
              labels:
            \(labelLines)\(spec)status:
              allocatable:
                cpu: "\(cpu)"
                memory: \(memory)
                pods: "\(pods)"
              conditions:
              - type: Ready
                status: "\(ready ? "True" : "False")"
            """
    }

    /// The body of a pod spec with one container `app`; `container` adds container fields,
    /// `spec` adds pod spec fields (both unindented YAML).
    /// `resources` replaces the container's requests block when given ("" for none).
    public static func podSpec(cpu: String = "100m", memory: String = "128Mi", resources: String? = nil,
                        container: String = "", spec: String = "") -> String {
        var out = """
            containers:
            - name: app
              image: registry.example.com/app:1
            """
        let res = resources ?? "requests:\n  cpu: \(cpu)\n  memory: \(memory)"
        if !res.isEmpty { out += "\n  resources:\n" + indent(res, 4) }
        if !container.isEmpty { out += "\n" + indent(container, 2) }
        if !spec.isEmpty { out += "\n" + spec }
        return out
    }

    public static func deployment(_ name: String, replicas: Int = 1, namespace: String = "default",
                           cpu: String = "100m", memory: String = "128Mi", resources: String? = nil, container: String = "",
                           spec: String = "", strategy: String = "", annotations: String = "") -> String {
        var out = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
              namespace: \(namespace)
            """
        if !annotations.isEmpty { out += "\n  annotations:\n" + indent(annotations, 4) }
        out += """

            spec:
              replicas: \(replicas)
              selector:
                matchLabels:
                  app: \(name)
            """
        if !strategy.isEmpty { out += "\n  strategy:\n" + indent(strategy, 4) }
        out += """

              template:
                metadata:
                  labels:
                    app: \(name)
                spec:

            """
        out += indent(podSpec(cpu: cpu, memory: memory, resources: resources, container: container, spec: spec), 6)
        return out
    }

    /// A Service selecting `app: NAME` in `default`, port 80 to `targetPort` (a number or a
    /// container port's name).
    public static func service(_ name: String = "web", targetPort: String = "8080", publishNotReadyAddresses: Bool = false) -> String {
        """
        apiVersion: v1
        kind: Service
        metadata: {name: \(name), namespace: default}
        spec:
          selector: {app: \(name)}
          publishNotReadyAddresses: \(publishNotReadyAddresses)
          ports: [{port: 80, targetPort: \(targetPort)}]
        """
    }

    /// A pod with no controller; `nodeName` binds it, as a pod of the snapshot.
    public static func pod(_ name: String, nodeName: String? = nil, namespace: String = "default",
                    cpu: String = "100m", memory: String = "128Mi", resources: String? = nil, labels: [String: String] = [:],
                    container: String = "", spec: String = "") -> String {
        var out = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: \(name)
              namespace: \(namespace)
              labels:
                name: \(name)
            """
        for (k, v) in labels.sorted(by: { $0.key < $1.key }) { out += "\n    \(k): \"\(v)\"" }
        out += "\nspec:\n"
        var extra = spec
        if let nodeName { extra = "nodeName: \(nodeName)" + (extra.isEmpty ? "" : "\n" + extra) }
        out += indent(podSpec(cpu: cpu, memory: memory, resources: resources, container: container, spec: extra), 2)
        return out
    }

    public static func priorityClass(_ name: String, value: Int, globalDefault: Bool = false, preemptionPolicy: String? = nil) -> String {
        var out = """
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata:
              name: \(name)
            value: \(value)
            globalDefault: \(globalDefault)
            """
        if let preemptionPolicy { out += "\npreemptionPolicy: \(preemptionPolicy)" }
        return out
    }
}

extension SimState {
    public func index(_ kind: String, _ name: String, namespace: String = "default") -> Int? {
        workloadIndex[ObjectRef(kind: kind, namespace: namespace, name: name)]
    }

    /// Live pods of a workload, by index.
    public func live(_ kind: String, _ name: String, namespace: String = "default") -> [Int] {
        guard let w = index(kind, name, namespace: namespace) else { return [] }
        return livePods(of: w)
    }

    public func nodeName(ofPod i: Int) -> String? { pods[i].node.map { nodes[$0].name } }

    /// Pod name → node name (nil while pending) for every live pod.
    public var assignment: [String: String?] {
        var out: [String: String?] = [:]
        for i in livePodIndices { out[name(of: i)] = nodeName(ofPod: i) }
        return out
    }

    public func scheduled(_ kind: String, _ name: String) -> Int { live(kind, name).filter { pods[$0].isScheduled }.count }
    public func pendingPods(_ kind: String, _ name: String) -> [Int] { live(kind, name).filter { !pods[$0].isScheduled } }
}
