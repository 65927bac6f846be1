import Testing
import KubeModel
import Simulation
@testable import Planner

/// A slow etcd through the liveness probes that need it
/// (`shared/scenarios/etcd-liveness-cascade-warn`).
@Suite struct CascadeTests {
    let scenario = Scenario("etcd-liveness-cascade-warn")
    static let etcd = ObjectRef(kind: "Pod", namespace: "kube-system", name: "etcd-cp-1")
    static let apiserver = ObjectRef(kind: "Pod", namespace: "kube-system", name: "kube-apiserver-cp-1")

    func state(proposed: Bool) throws -> SimState {
        var cluster = try scenario.cluster()
        if proposed {
            let pod = try #require(try scenario.proposed().first)
            cluster = cluster.applying(Change(operation: .update, object: pod))
        }
        var s = SimState(cluster)
        s.settle()
        return s
    }

    @Test func linearizableEtcdctlProbeKillsEtcdRepeatedly() throws {
        let s = try state(proposed: true)
        let etcd = try #require(s.workloadIndex[Self.etcd])
        let restarts = Cascade.run(s, component: "etcd", seconds: 300)
        let r = try #require(restarts.first { $0.workload == etcd })
        // 8 failures × 10 s = 80 s; restart after 10 s back-off, then 15 + 7 × 10 = 85 s
        // more: 175 s; back-off 20 s, then 85 s: 280 s; the next (back-off 40 s) is past 300 s.
        #expect(r.kills == [80, 175, 280])
        #expect(r.container == "etcd")
        #expect(r.component == "etcd")
    }

    @Test func etcdRestartsCascadeToTheAPIServer() throws {
        let s = try state(proposed: true)
        let api = try #require(s.workloadIndex[Self.apiserver])
        let restarts = Cascade.run(s, component: "etcd", seconds: 300)
        let r = try #require(restarts.first { $0.workload == api })
        #expect(r.kills.first == 80)
        #expect(r.component == "kube-apiserver")
    }

    @Test func serializableHTTPProbeIsNotAffected() throws {
        // kubeadm's probe, /health?exclude=NOSPACE&serializable=true, is answered locally.
        let s = try state(proposed: false)
        let etcd = try #require(s.workloadIndex[Self.etcd])
        let restarts = Cascade.run(s, component: "etcd", seconds: 300)
        #expect(!restarts.contains { $0.workload == etcd })
    }

    @Test func shortWindowKillsNothing() throws {
        // 60 s of slowness is less than 8 × 10 s of failed probes.
        let s = try state(proposed: true)
        let etcd = try #require(s.workloadIndex[Self.etcd])
        #expect(!Cascade.run(s, component: "etcd", seconds: 60).contains { $0.workload == etcd })
    }

    @Test func dependencySlowEffectMarksTheLoop() throws {
        var s = try state(proposed: true)
        let etcd = try #require(s.workloadIndex[Self.etcd])
        let result = Effects.apply(.dependencySlow(component: "etcd", seconds: 300), to: &s)
        #expect(result.contains("etcd-cp-1 killed at 80 s, 175 s, 280 s"), "\(result)")
        #expect(s.pods(of: etcd).allSatisfy { $0.health == .crashLoop })
        #expect(s.clock == 300)
    }
}
