import Testing
import Fixtures
import KubeModel
import Simulation
import Admission

/// Changes to what pods depend on leave running pods alone; the pods their controllers make
/// next meet the new rules, a warn (harm one ordinary event away).
@Suite struct ReplacementTests {
    static let node = Fixture.node("a")
    /// Three replicas stating 500m cpu and 256Mi memory, requests and limits.
    static let web = Fixture.deployment("web", replicas: 3, resources: "requests: {cpu: 500m, memory: 256Mi}\nlimits: {cpu: 500m, memory: 256Mi}")
    static let namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: default}"

    func analyze(_ cluster: [String], _ proposed: String, _ op: Operation = .create) throws -> Report {
        let objects = try cluster.flatMap(Fixture.objects)
        let change = try Fixture.objects(proposed)[0]
        let analyzer = Analyzer(cluster: Cluster(objects: objects))
        return op == .delete ? analyzer.analyze(Change(operation: .delete, object: nil, oldObject: change))
            : analyzer.analyze(Change(operation: op, object: change))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var cluster: [String] = []
        var proposed: String
        var operation: Operation = .create
        var verdict: Verdict
        var type: FindingType?
        var message: String = ""
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "quota below usage refuses the replacement",
             proposed: "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: default}\nspec: {hard: {pods: \"2\"}}",
             verdict: .warn, type: .quotaExceeded, message: "exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2"),
        Case(name: "quota at usage leaves room for the replacement",
             proposed: "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: default}\nspec: {hard: {pods: \"3\", requests.cpu: 1500m}}",
             verdict: .allow),
        Case(name: "quota in another namespace reaches nothing",
             proposed: "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: other}\nspec: {hard: {pods: \"0\"}}",
             verdict: .allow),
        Case(name: "LimitRange max below the stated limit",
             proposed: "apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr, namespace: default}\nspec: {limits: [{type: Container, max: {cpu: 200m}}]}",
             verdict: .warn, type: .quotaExceeded, message: "maximum cpu usage per Container is 200m, but limit is 500m"),
        Case(name: "LimitRange defaults for what the template states change nothing",
             proposed: "apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr, namespace: default}\nspec: {limits: [{type: Container, default: {cpu: \"1\", memory: 1Gi}, defaultRequest: {cpu: 100m}}]}",
             verdict: .allow),
        Case(name: "restricted Pod Security level",
             cluster: [namespace],
             proposed: "apiVersion: v1\nkind: Namespace\nmetadata: {name: default, labels: {pod-security.kubernetes.io/enforce: restricted}}",
             operation: .update, verdict: .warn, type: .rolloutStuck, message: "violates PodSecurity \"restricted:latest\""),
        Case(name: "PriorityClass the template names deleted",
             cluster: [Fixture.priorityClass("high", value: 1000), Fixture.priorityClass("low", value: 10)],
             proposed: Fixture.priorityClass("high", value: 1000), operation: .delete,
             verdict: .warn, type: .rolloutStuck, message: "no PriorityClass with name high was found"),
        Case(name: "ServiceAccount the template names deleted",
             cluster: [MissingReferenceTests.serviceAccount("builder")],
             proposed: MissingReferenceTests.serviceAccount("builder"), operation: .delete,
             verdict: .warn, type: .rolloutStuck, message: "ServiceAccount default/builder"),
        Case(name: "ServiceAccount nothing uses deleted",
             cluster: [MissingReferenceTests.serviceAccount("builder"), MissingReferenceTests.serviceAccount("other")],
             proposed: MissingReferenceTests.serviceAccount("other"), operation: .delete, verdict: .allow),
    ]

    @Test(arguments: cases) func replacementsMeetTheNewRules(_ c: Case) throws {
        var web = Self.web
        if c.name.contains("PriorityClass") { web = web.replacingOccurrences(of: "      containers:", with: "      priorityClassName: high\n      containers:") }
        if c.name.contains("ServiceAccount") { web = web.replacingOccurrences(of: "      containers:", with: "      serviceAccountName: builder\n      containers:") }
        let report = try analyze([Self.node, web] + c.cluster, c.proposed, c.operation)
        #expect(report.verdict == c.verdict, "\(report.findings.map(\.message))")
        if let type = c.type {
            let f = try #require(report.findings.first { $0.type == type && $0.object.name == "web" }, "\(report.findings)")
            #expect(f.severity == .warn)
            #expect(f.message.contains(c.message), "\(f.message)")
            #expect(f.plan.first?.action == "NodeFailure")
        }
    }

    /// A LimitRange whose defaults differ from those the running pods got does not make them
    /// an old revision: controllers hash the template, and nothing rolls.
    @Test func limitRangeChangeRollsNothing() throws {
        let bare = Fixture.deployment("web", replicas: 1, resources: "requests: {cpu: 100m}")
        let lr = "apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr, namespace: default}\nspec: {limits: [{type: Container, default: {memory: 512Mi}}]}"
        // Made when the default was 256Mi.
        let pod = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-5d8f7c9b4-x2x7q
              namespace: default
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f7c9b4, controller: true, uid: u1}]
            spec:
              nodeName: a

            """ + Fixture.indent(Fixture.podSpec(resources: "requests: {cpu: 100m, memory: 256Mi}\nlimits: {memory: 256Mi}"), 2) + """

            status:
              phase: Running
              conditions: [{type: Ready, status: "True"}]
            """
        var state = SimState(Cluster(objects: try [Self.node, lr, bare, pod].flatMap(Fixture.objects)))
        state.settle()
        let w = try #require(state.workloadIndex[ObjectRef(kind: "Deployment", namespace: "default", name: "web")])
        let pods = state.pods(of: w)
        #expect(pods.count == 1)
        #expect(pods.allSatisfy { $0.revision == 1 && !$0.simulated }, "the pod made under the old default was rolled")
        // A template change still rolls it.
        let changed = Fixture.deployment("web", replicas: 1, resources: "requests: {cpu: 200m}")
        var next = SimState(Cluster(objects: try [Self.node, lr, changed, pod].flatMap(Fixture.objects)))
        next.settle()
        let want = try Quantity(parsing: "200m")
        #expect(next.pods(of: w).allSatisfy { $0.shape.spec.containers[0].resources?.requests?["cpu"] == want })
    }
}
