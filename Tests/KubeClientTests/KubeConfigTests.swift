import Foundation
import Testing
@testable import KubeClient

/// A temporary folder with files in it.
struct TempDir {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("premortem-kc-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func write(_ name: String, _ text: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// A self-signed certificate and key made with openssl, as a kubeconfig would carry them.
func selfSigned(in dir: TempDir) throws -> (cert: String, key: String) {
    let cert = dir.url.appendingPathComponent("c.pem").path, key = dir.url.appendingPathComponent("k.pem").path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    p.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test", "-keyout", key, "-out", cert]
    p.standardError = FileHandle.nullDevice
    try p.run(); p.waitUntilExit()
    return (try String(contentsOfFile: cert, encoding: .utf8), try String(contentsOfFile: key, encoding: .utf8))
}

@Suite struct KubeConfigTests {
    static func config(user: String, cluster: String = "server: https://127.0.0.1:6443\n    insecure-skip-tls-verify: true") -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: dev
        contexts:
        - name: dev
          context: {cluster: c1, user: u1, namespace: shop}
        - name: other
          context: {cluster: c1, user: u2}
        clusters:
        - name: c1
          cluster:
            \(cluster)
        users:
        - name: u1
          user:
            \(user)
        - name: u2
          user: {token: second}
        """
    }

    @Test func bearerTokenAndCurrentContext() throws {
        let dir = try TempDir()
        let path = try dir.write("config", Self.config(user: "token: abc123"))
        let c = try ClusterCredentials.kubeconfig(paths: [path])
        #expect(c.server == "https://127.0.0.1:6443")
        #expect(c.token?.token() == "abc123")
        #expect(c.namespace == "shop")
        #expect(c.insecureSkipTLSVerify)
        #expect(c.origin.contains("context dev"))
    }

    @Test func contextFlagPicksAnotherUser() throws {
        let dir = try TempDir()
        let path = try dir.write("config", Self.config(user: "token: abc123"))
        #expect(try ClusterCredentials.kubeconfig(paths: [path], context: "other").token?.token() == "second")
        #expect(throws: KubeClientError.config("context \"nope\" is not in the kubeconfig")) {
            try ClusterCredentials.kubeconfig(paths: [path], context: "nope")
        }
    }

    @Test func execPluginIsAClearError() throws {
        let dir = try TempDir()
        let path = try dir.write("config", Self.config(user: "exec: {apiVersion: client.authentication.k8s.io/v1, command: aws-iam-authenticator}"))
        let error = #expect(throws: KubeClientError.self) { try ClusterCredentials.kubeconfig(paths: [path]) }
        #expect(error?.description.contains("exec plugin (aws-iam-authenticator)") == true, "\(String(describing: error))")
    }

    @Test func authProviderIsAClearError() throws {
        let dir = try TempDir()
        let path = try dir.write("config", Self.config(user: "auth-provider: {name: gcp}"))
        let error = #expect(throws: KubeClientError.self) { try ClusterCredentials.kubeconfig(paths: [path]) }
        #expect(error?.description.contains("auth-provider \"gcp\"") == true)
    }

    @Test func clientCertificateDataAndCAData() throws {
        let dir = try TempDir()
        let (cert, key) = try selfSigned(in: dir)
        let b64 = { (s: String) in Data(s.utf8).base64EncodedString() }
        let path = try dir.write("config", Self.config(
            user: "client-certificate-data: \(b64(cert))\n    client-key-data: \(b64(key))",
            cluster: "server: https://10.0.0.1:443/\n    certificate-authority-data: \(b64(cert))"))
        let c = try ClusterCredentials.kubeconfig(paths: [path])
        #expect(c.server == "https://10.0.0.1:443")
        #expect(c.clientCertificateChain.count == 1)
        #expect(c.clientKey != nil)
        #expect(c.caCertificates.count == 1)
        #expect(c.token == nil)
    }

    @Test func relativeFilePathsResolveBesideTheKubeconfig() throws {
        let dir = try TempDir()
        let (cert, key) = try selfSigned(in: dir)
        _ = try dir.write("client.crt", cert)
        _ = try dir.write("client.key", key)
        _ = try dir.write("token", "from-file\n")
        let path = try dir.write("config", Self.config(user: "client-certificate: client.crt\n    client-key: client.key\n    tokenFile: token",
                                                       cluster: "server: https://h:1\n    certificate-authority: client.crt"))
        let c = try ClusterCredentials.kubeconfig(paths: [path])
        #expect(c.clientCertificateChain.count == 1)
        #expect(c.caCertificates.count == 1)
        #expect(c.token?.token() == "from-file")
    }

    @Test func kubeconfigListMergesFirstWins() throws {
        let dir = try TempDir()
        let first = try dir.write("a", """
            current-context: dev
            contexts: [{name: dev, context: {cluster: c1, user: u1}}]
            clusters: [{name: c1, cluster: {server: "https://first:1"}}]
            users: [{name: u1, user: {token: one}}]
            """)
        let second = try dir.write("b", Self.config(user: "token: two"))
        let c = try ClusterCredentials.kubeconfig(paths: ClusterCredentials.kubeconfigPaths(flag: nil, environment: ["KUBECONFIG": "\(first):\(second)"]))
        #expect(c.server == "https://first:1")
        #expect(c.token?.token() == "one")
    }

    @Test func badBase64IsNamed() throws {
        let dir = try TempDir()
        let path = try dir.write("config", Self.config(user: "token: x", cluster: "server: https://h:1\n    certificate-authority-data: '@@@'"))
        let error = #expect(throws: KubeClientError.self) { try ClusterCredentials.kubeconfig(paths: [path]) }
        #expect(error?.description.contains("certificate-authority-data of cluster c1") == true, "\(String(describing: error))")
    }

    @Test func inClusterReadsServiceAccount() throws {
        let dir = try TempDir()
        let (cert, _) = try selfSigned(in: dir)
        _ = try dir.write("token", "sa-token-1")
        _ = try dir.write("ca.crt", cert)
        _ = try dir.write("namespace", "premortem\n")
        let c = try ClusterCredentials.inCluster(environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"],
                                                 directory: dir.url.path)
        #expect(c.server == "https://[fd00::1]:443")
        #expect(c.namespace == "premortem")
        #expect(c.token?.token() == "sa-token-1")
        #expect(throws: KubeClientError.self) { try ClusterCredentials.inCluster(environment: [:], directory: dir.url.path) }
    }

    @Test func rotatedTokenFileIsReadAgain() throws {
        let dir = try TempDir()
        let path = try dir.write("token", "t1")
        let source = TokenSource(file: path)
        #expect(source.token() == "t1")
        _ = try dir.write("token", "t2")
        // Within the caching second the old token stands; after a 401 the file is read again.
        source.invalidate()
        #expect(source.token() == "t2")
    }
}
