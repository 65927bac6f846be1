import KubeModel

/// The proposals `premortem bench --cluster` times against a snapshot: a plain Deployment, and
/// the scheduling constraints production charts carry, which cost the scheduler per node and
/// per existing pod (spread counts, affinity maps), so each is compared with the plain one.
enum BenchWorkloads {
    struct Workload {
        var name: String
        var manifest: String
    }

    static func deployment(_ name: String, replicas: Int, namespace: String, extra: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: \(name), namespace: \(namespace)}
        spec:
          replicas: \(replicas)
          selector: {matchLabels: {app: \(name)}}
          template:
            metadata: {labels: {app: \(name)}}
            spec:
              containers:
              - name: app
                image: registry.example/\(name):1.0
                resources:
                  requests: {cpu: 200m, memory: 256Mi}
                  limits: {memory: 256Mi}
                readinessProbe: {httpGet: {path: /ready, port: 8080}}
        \(extra)
        """
    }

    /// `namespace` is one that has pods in the snapshot; `peer` an app label of its pods.
    static func all(namespace: String, peer: String) -> [Workload] {
        [
            Workload(name: "plain, 3 replicas", manifest: deployment("plain", replicas: 3, namespace: namespace)),
            // The same number of pods as the constrained ones: the planner then explores as
            // many node failures, so the ratio to it is what the constraints themselves cost.
            Workload(name: "plain, 10 replicas", manifest: deployment("plain10", replicas: 10, namespace: namespace)),
            Workload(name: "zone + hostname spread (DoNotSchedule) and hostname anti-affinity, 10 replicas",
                     manifest: deployment("spread", replicas: 10, namespace: namespace, extra: """
                              topologySpreadConstraints:
                              - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: spread}}}
                              - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: spread}}}
                              affinity:
                                podAntiAffinity:
                                  requiredDuringSchedulingIgnoredDuringExecution:
                                  - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: spread}}}
                        """)),
            Workload(name: "required pod affinity to a running app (same zone), 3 replicas",
                     manifest: deployment("near", replicas: 3, namespace: namespace, extra: """
                              affinity:
                                podAffinity:
                                  requiredDuringSchedulingIgnoredDuringExecution:
                                  - {topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {app: \(peer)}}}
                        """)),
            Workload(name: "anti-affinity across every namespace (namespaceSelector {}), 10 replicas",
                     manifest: deployment("apart", replicas: 10, namespace: namespace, extra: """
                              affinity:
                                podAntiAffinity:
                                  requiredDuringSchedulingIgnoredDuringExecution:
                                  - {topologyKey: kubernetes.io/hostname, namespaceSelector: {}, labelSelector: {matchLabels: {app: apart}}}
                                  preferredDuringSchedulingIgnoredDuringExecution:
                                  - weight: 50
                                    podAffinityTerm: {topologyKey: topology.kubernetes.io/zone, namespaceSelector: {}, labelSelector: {matchExpressions: [{key: app, operator: In, values: [\(peer)]}]}}
                        """)),
        ]
    }
}
