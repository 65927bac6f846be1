import Fixtures
import KubeModel
import Simulation
import Admission

/// The risk-search suites' common case: the analysis of creating Deployment `web`, two 1-CPU
/// replicas kept on different nodes by required hostname anti-affinity, in a cluster of `docs`.
func analyzeApartReplicas(_ docs: [String], depth: Int) throws -> Report {
    let cluster = Cluster(objects: try docs.flatMap(Fixture.objects))
    let web = try Fixture.objects(Fixture.deployment("web", replicas: 2, cpu: "1", spec: """
        affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector: {matchLabels: {app: web}}
        """))[0]
    return Analyzer(cluster: cluster, options: AnalysisOptions(depth: depth)).analyze(Change(operation: .create, object: web))
}
