import Testing
import Fixtures
import KubeModel
@testable import Planner

/// Which components a liveness probe needs to answer in time.
@Suite struct DependenciesTests {
    func container(_ name: String, _ probe: String) throws -> Container {
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: \(name)\n    livenessProbe:\n" + Fixture.indent(probe, 6)
        guard case .pod(let p)? = try ManifestDecoder.decodeAll(yaml, source: "test").first else { throw CancellationError() }
        return p.spec.containers[0]
    }

    func exec(_ command: String) -> String { "exec:\n  command: [/bin/sh, -ec, \"\(command)\"]" }

    @Test func etcdctlGetIsLinearizable() throws {
        let c = try container("etcd", exec("ETCDCTL_API=3 etcdctl --endpoints=https://[127.0.0.1]:2379 get foo"))
        #expect(Dependencies.of(c, podLabels: ["component": "etcd"]) == ["etcd"])
    }

    @Test func serializableEtcdctlGetIsLocal() throws {
        let c = try container("etcd", exec("etcdctl --consistency=s get foo"))
        #expect(Dependencies.of(c, podLabels: ["component": "etcd"]).isEmpty)
    }

    @Test func etcdctlEndpointHealth() throws {
        let c = try container("etcd", exec("etcdctl endpoint health"))
        #expect(Dependencies.of(c, podLabels: [:]) == ["etcd"])
    }

    @Test func otherExecIsNoDependency() throws {
        let c = try container("app", exec("cat /tmp/healthy"))
        #expect(Dependencies.of(c, podLabels: [:]).isEmpty)
    }

    @Test func apiserverLivezAndHealthzDependOnEtcd() throws {
        for path in ["/livez", "/healthz"] {
            let c = try container("kube-apiserver", "httpGet: {path: \(path), port: 6443, scheme: HTTPS}")
            #expect(Dependencies.of(c, podLabels: ["component": "kube-apiserver"]) == ["etcd"], "\(path)")
        }
        let readyz = try container("kube-apiserver", "httpGet: {path: /readyz, port: 6443}")
        #expect(Dependencies.of(readyz, podLabels: ["component": "kube-apiserver"]).isEmpty)
    }

    @Test func etcdHealthEndpoints() throws {
        let linear = try container("etcd", "httpGet: {path: /health, port: 2381}")
        #expect(Dependencies.of(linear, podLabels: ["component": "etcd"]) == ["etcd"])
        let serializable = try container("etcd", "httpGet: {path: \"/health?exclude=NOSPACE&serializable=true\", port: 2381}")
        #expect(Dependencies.of(serializable, podLabels: ["component": "etcd"]).isEmpty)
    }

    @Test func controllersDependOnTheAPIServer() throws {
        let c = try container("kube-scheduler", "httpGet: {path: /healthz, port: 10259}")
        #expect(Dependencies.of(c, podLabels: ["component": "kube-scheduler"]) == ["kube-apiserver"])
    }

    @Test func noLivenessNoDependency() {
        #expect(Dependencies.of(Container(name: "etcd"), podLabels: ["component": "etcd"]).isEmpty)
    }

    @Test func componentFromLabelOrContainerName() {
        #expect(Dependencies.component(of: ["component": "etcd"], containers: []) == "etcd")
        #expect(Dependencies.component(of: [:], containers: [Container(name: "kube-apiserver")]) == "kube-apiserver")
        #expect(Dependencies.component(of: [:], containers: [Container(name: "web")]) == nil)
    }
}
