import Testing
import Fixtures
import KubeModel
@testable import Simulation

/// `pkg/scheduler/framework/plugins/volumebinding/volume_binding_test.go` (`TestVolumeBinding`)
/// and `volumezone/volume_zone_test.go` (`TestSingleZone`, `TestMultiZone`). Upstream's
/// classes: `immediate-sc` (Immediate) and `wait-sc` (WaitForFirstConsumer), neither with a
/// provisioner.
@Suite struct VolumeBindingTests {
    static let bindConflict = Status.unresolvable("VolumeBinding", "node(s) didn't find available persistent volumes to bind")
    static let nodeConflict = Status.unresolvable("VolumeBinding", "node(s) had volume node affinity conflict")
    static let noZone = Status.unresolvable("VolumeZone", "node(s) had no available volume zone")

    static func storageClass(_ name: String, mode: String, provisioner: String = "") -> String {
        "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: \(name)}\nprovisioner: \"\(provisioner)\"\nvolumeBindingMode: \(mode)"
    }
    static let classes = [storageClass("immediate-sc", mode: "Immediate"), storageClass("wait-sc", mode: "WaitForFirstConsumer")]
    /// `makePVC(name, boundPVName, storageClassName)`.
    static func pvc(_ name: String, bound pv: String = "", _ sc: String) -> String {
        var out = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: \(name), namespace: default}\nspec:\n  storageClassName: \(sc)\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}"
        if !pv.isEmpty { out += "\n  volumeName: \(pv)\nstatus: {phase: Bound}" }
        return out
    }
    static func pv(_ name: String, sc: String = "wait-sc", labels: [String: String] = [:], nodeAffinity: String? = nil, claim: String? = nil) -> String {
        var out = "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: \(name)"
        if !labels.isEmpty { out += "\n  labels:" + labels.sorted { $0.key < $1.key }.map { "\n    \($0.key): \"\($0.value)\"" }.joined() }
        out += "\nspec:\n  storageClassName: \(sc)\n  accessModes: [ReadWriteOnce]\n  capacity: {storage: 1Gi}"
        if let claim { out += "\n  claimRef: {namespace: default, name: \(claim)}" }
        if let nodeAffinity { out += "\n  nodeAffinity:\n    required:\n      nodeSelectorTerms:\n" + Fixture.indent(nodeAffinity, 6) }
        return out
    }
    /// `makePod(name, pvcNames)`.
    static func pod(_ claims: [String]) -> String {
        var spec = Harness.container
        if !claims.isEmpty {
            spec += "\nvolumes:" + claims.map { "\n- name: \($0)\n  persistentVolumeClaim: {claimName: \($0)}" }.joined()
        }
        return Harness.rawPod("p", spec: spec)
    }
    static func row(_ name: String, node: [String: String] = [:], _ objects: [String], want: Status? = nil) -> FilterCase {
        FilterCase("TestVolumeBinding: \"\(name)\"", classes + [Harness.node("node1", labels: node)] + objects, want: want.map { ["node1": $0] } ?? [:])
    }
    static let fooBar = "- matchExpressions:\n  - {key: foo, operator: In, values: [bar]}"

    static let cases: [FilterCase] = [
        row("pod has not pvcs", [pod([])]),
        row("all bound", [pvc("pvc-a", bound: "pv-a", "wait-sc"), pv("pv-a", claim: "pvc-a"), pod(["pvc-a"])]),
        row("PVC does not exist", [pod(["pvc-a"])], want: .unresolvable("VolumeBinding", "persistentvolumeclaim \"pvc-a\" not found")),
        row("Part of PVCs do not exist", [pvc("pvc-a", bound: "pv-a", "wait-sc"), pv("pv-a", claim: "pvc-a"), pod(["pvc-a", "pvc-b"])],
            want: .unresolvable("VolumeBinding", "persistentvolumeclaim \"pvc-b\" not found")),
        row("immediate claims not bound", [pvc("pvc-a", "immediate-sc"), pod(["pvc-a"])],
            want: .unresolvable("VolumeBinding", "pod has unbound immediate PersistentVolumeClaims")),
        row("unbound claims no matches", [pvc("pvc-a", "wait-sc"), pod(["pvc-a"])], want: bindConflict),
        row("model: a bound volume's node affinity that holds", node: ["foo": "bar"],
            [pvc("pvc-a", bound: "pv-a", "wait-sc"), pv("pv-a", nodeAffinity: fooBar, claim: "pvc-a"), pod(["pvc-a"])]),
        row("model: a bound volume's node affinity that does not hold (ErrReasonNodeConflict)", node: ["foo": "barbar"],
            [pvc("pvc-a", bound: "pv-a", "wait-sc"), pv("pv-a", nodeAffinity: fooBar, claim: "pvc-a"), pod(["pvc-a"])], want: nodeConflict),
        row("model: an unbound WaitForFirstConsumer claim with an Available volume that fits", [pvc("pvc-a", "wait-sc"), pv("pv-b"), pod(["pvc-a"])]),
        row("model: an unbound WaitForFirstConsumer claim of a class with a provisioner",
            [storageClass("csi", mode: "WaitForFirstConsumer", provisioner: "ebs.csi.aws.com"), pvc("pvc-a", "csi"), pod(["pvc-a"])]),
    ]

    @Test(arguments: cases)
    func filter(_ c: FilterCase) throws {
        var got = try Harness.filter(VolumeBinding(), c)
        // A PreFilter refusal is the VolumeBinding plugin's here; the harness reports it on every node.
        got = got.filter { $0.value.plugin == "VolumeBinding" }
        #expect(got == c.want)
    }

    /// "bound and unbound unsatisfied": upstream's `FindPodVolumes` gives every reason that
    /// holds, node conflict then bind conflict, in one status.
    @Test(.disabled("reason: bug — VolumeBinding's Filter stops at the first conflict; upstream reports both reasons (see report)"))
    func boundAndUnboundUnsatisfied() throws {
        let c = Self.row("bound and unbound unsatisfied", node: ["foo": "barbar"],
                         [Self.pvc("pvc-a", bound: "pv-a", "wait-sc"), Self.pvc("pvc-b", "wait-sc"),
                          Self.pv("pv-a", nodeAffinity: Self.fooBar, claim: "pvc-a"), Self.pod(["pvc-a", "pvc-b"])],
                         want: Status(.unschedulableAndUnresolvable, ["node(s) had volume node affinity conflict", "node(s) didn't find available persistent volumes to bind"],
                                      plugin: "VolumeBinding"))
        #expect(try Harness.filter(VolumeBinding(), c) == c.want)
    }

    /// "pv not found": a claim bound to a volume the cluster does not have. Current upstream
    /// (`checkBoundClaims`, `ErrReasonPVNotExist`) refuses every node.
    @Test(.disabled("reason: bug — a claim bound to a missing PersistentVolume is treated as satisfied (see report)"))
    func pvNotFound() throws {
        let c = Self.row("pv not found", [Self.pvc("pvc-a", bound: "pv-a", "wait-sc"), Self.pod(["pvc-a"])],
                         want: .unresolvable("VolumeBinding", "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)"))
        #expect(try Harness.filter(VolumeBinding(), c) == c.want)
    }

    /// `checkVolumeProvisions` (binder.go): a class whose provisioner is
    /// `kubernetes.io/no-provisioner` (`volume.NotSupportedProvisioner`, the usual class of
    /// local volumes) cannot provision, so an unbound WaitForFirstConsumer claim with no
    /// Available volume gets ErrReasonBindConflict.
    @Test(.disabled("reason: bug — kubernetes.io/no-provisioner is taken for a provisioner that can make the volume (see report)"))
    func noProvisionerCannotProvision() throws {
        let c = Self.row("model: WaitForFirstConsumer claim of a kubernetes.io/no-provisioner class, no volume",
                         [Self.storageClass("local", mode: "WaitForFirstConsumer", provisioner: "kubernetes.io/no-provisioner"),
                          Self.pvc("pvc-a", "local"), Self.pod(["pvc-a"])], want: Self.bindConflict)
        #expect(try Harness.filter(VolumeBinding(), c) == c.want)
    }

    // VolumeZone.
    static let betaZone = "failure-domain.beta.kubernetes.io/zone", betaRegion = "failure-domain.beta.kubernetes.io/region"
    static let zone = "topology.kubernetes.io/zone", region = "topology.kubernetes.io/region"
    /// The pod mounts PVC_1, bound to Vol_1 with `pvLabels`; the node has `node` labels.
    static func zoneRow(_ test: String, _ name: String, pvLabels: [String: String], node: [String: String], fits: Bool) -> FilterCase {
        FilterCase("\(test): \"\(name)\"",
                   classes + [Harness.node("node1", labels: node), pvc("pvc-1", bound: "vol-1", "wait-sc"), pv("vol-1", labels: pvLabels, claim: "pvc-1"), pod(["pvc-1"])],
                   want: fits ? [:] : ["node1": noZone])
    }
    static let zoneCases: [FilterCase] = [
        FilterCase("TestSingleZone: \"pod without volume\"", classes + [Harness.node("node1", labels: [betaZone: "us-west1-a"]), pod([])]),
        zoneRow("TestSingleZone", "node without labels", pvLabels: [betaZone: "us-west1-a"], node: [:], fits: false),
        zoneRow("TestSingleZone", "beta zone label matched", pvLabels: [betaZone: "us-west1-a"], node: [betaZone: "us-west1-a", "uselessLabel": "none"], fits: true),
        zoneRow("TestSingleZone", "beta region label matched", pvLabels: [betaRegion: "us-west1"], node: [betaRegion: "us-west1", "uselessLabel": "none"], fits: true),
        zoneRow("TestSingleZone", "beta region label doesn't match", pvLabels: [betaRegion: "us-west1"], node: [betaRegion: "no_us-west1", "uselessLabel": "none"], fits: false),
        zoneRow("TestSingleZone", "beta zone label doesn't match", pvLabels: [betaZone: "us-west1-a"], node: [betaZone: "no_us-west1-a", "uselessLabel": "none"], fits: false),
        zoneRow("TestSingleZone", "zone label matched", pvLabels: [zone: "us-west1-a"], node: [zone: "us-west1-a", "uselessLabel": "none"], fits: true),
        zoneRow("TestSingleZone", "region label matched", pvLabels: [region: "us-west1"], node: [region: "us-west1", "uselessLabel": "none"], fits: true),
        zoneRow("TestSingleZone", "region label doesn't match", pvLabels: [region: "us-west1"], node: [region: "no_us-west1", "uselessLabel": "none"], fits: false),
        zoneRow("TestSingleZone", "zone label doesn't match", pvLabels: [zone: "us-west1-a"], node: [zone: "no_us-west1-a", "uselessLabel": "none"], fits: false),
        zoneRow("TestMultiZone", "beta zone label matched", pvLabels: [betaZone: "us-west1-b__us-west1-c"], node: [betaZone: "us-west1-b", "uselessLabel": "none"], fits: true),
        zoneRow("TestMultiZone", "beta zone label doesn't match", pvLabels: [betaZone: "us-west1-c__us-west1-a"], node: [betaZone: "us-west1-b", "uselessLabel": "none"], fits: false),
        zoneRow("TestMultiZone", "zone label matched", pvLabels: [zone: "us-west1-b__us-west1-c"], node: [zone: "us-west1-b", "uselessLabel": "none"], fits: true),
        zoneRow("TestMultiZone", "zone label doesn't match", pvLabels: [zone: "us-west1-c__us-west1-a"], node: [zone: "us-west1-b", "uselessLabel": "none"], fits: false),
    ]

    @Test(arguments: zoneCases)
    func volumeZone(_ c: FilterCase) throws {
        #expect(try Harness.filter(VolumeZone(), c) == c.want)
    }

    /// End to end: the pending pod's message for a claim that does not exist is PreFilter's,
    /// given once for the whole cluster.
    @Test func missingClaimMessage() throws {
        let s = try Fixture.settled((Self.classes + [Fixture.node("n1"), Fixture.node("n2"),
                                                     Fixture.deployment("db", spec: "volumes:\n- name: data\n  persistentVolumeClaim: {claimName: data}")]).joined(separator: "\n---\n"))
        let p = try #require(s.pendingPods("Deployment", "db").first)
        #expect(s.pendingReasons[p] == "0/2 nodes are available: persistentvolumeclaim \"data\" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.")
    }
}
