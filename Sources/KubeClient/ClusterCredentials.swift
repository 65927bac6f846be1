import Foundation
import NIOSSL

/// Where the API server is and how to prove who we are: what `--kubeconfig`, `KUBECONFIG` or
/// the pod's service account gives.
public struct ClusterCredentials: Sendable {
    /// `https://host:port` (or `http://` for a plain test server), without a trailing slash.
    public var server: String
    public var caCertificates: [NIOSSLCertificate]
    public var clientCertificateChain: [NIOSSLCertificate]
    public var clientKey: NIOSSLPrivateKey?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var token: TokenSource?
    public var basicAuth: (user: String, password: String)?
    /// The context's namespace, for commands that default to one.
    public var namespace: String?
    /// Where these came from, for messages: "kubeconfig ~/.kube/config, context e2e" or "in-cluster".
    public var origin: String

    public init(server: String, origin: String) {
        self.server = server; self.origin = origin
        caCertificates = []; clientCertificateChain = []; insecureSkipTLSVerify = false
    }

    /// TLS as the credentials ask for it.
    public var tlsConfiguration: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if !caCertificates.isEmpty { tls.trustRoots = .certificates(caCertificates) }
        if insecureSkipTLSVerify { tls.certificateVerification = .none }
        if !clientCertificateChain.isEmpty, let key = clientKey {
            tls.certificateChain = clientCertificateChain.map { .certificate($0) }
            tls.privateKey = .privateKey(key)
        }
        return tls
    }

    /// The service account of the pod we run in (`KUBERNETES_SERVICE_HOST`/`_PORT`, the token
    /// and CA mounted at /var/run/secrets/kubernetes.io/serviceaccount), as client-go's
    /// `rest.InClusterConfig` reads it. The token is re-read as the kubelet rotates it.
    public static func inCluster(environment: [String: String] = ProcessInfo.processInfo.environment,
                                 directory: String = "/var/run/secrets/kubernetes.io/serviceaccount") throws(KubeClientError) -> ClusterCredentials {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw .config("not running in a cluster (KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set); give --kubeconfig")
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        var c = ClusterCredentials(server: "https://\(shownHost):\(port)", origin: "in-cluster service account")
        let tokenPath = directory + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else { throw .config("in-cluster: cannot read \(tokenPath)") }
        c.token = TokenSource(file: tokenPath)
        c.caCertificates = try Self.certificates(file: directory + "/ca.crt", what: "in-cluster CA")
        c.namespace = (try? String(contentsOfFile: directory + "/namespace", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        return c
    }

    /// The context `context` (or the current one) of the kubeconfig files at `paths`.
    public static func kubeconfig(paths: [String], context: String? = nil) throws(KubeClientError) -> ClusterCredentials {
        let (config, origin) = try KubeConfig.load(paths: paths)
        let contextName = context ?? config.currentContext ?? ""
        guard !contextName.isEmpty else { throw .config("the kubeconfig has no current-context; give --context") }
        guard let ctx = config.contexts?.first(where: { $0.name == contextName })?.context else {
            throw .config("context \"\(contextName)\" is not in the kubeconfig")
        }
        guard let cluster = config.clusters?.first(where: { $0.name == ctx.cluster })?.cluster else {
            throw .config("cluster \"\(ctx.cluster)\" of context \"\(contextName)\" is not in the kubeconfig")
        }
        guard var server = cluster.server, !server.isEmpty else { throw .config("cluster \"\(ctx.cluster)\" has no server") }
        while server.hasSuffix("/") { server.removeLast() }
        if cluster.proxyURL != nil { throw .unsupported("cluster \"\(ctx.cluster)\" uses proxy-url, which premortem does not support") }
        var c = ClusterCredentials(server: server, origin: "kubeconfig \(paths.joined(separator: ":")), context \(contextName)")
        c.namespace = ctx.namespace
        c.insecureSkipTLSVerify = cluster.insecureSkipTLSVerify ?? false
        c.tlsServerName = cluster.tlsServerName
        let clusterDir = origin["cluster/" + ctx.cluster] ?? ""
        if let data = cluster.certificateAuthorityData {
            c.caCertificates = try Self.certificates(base64: data, what: "certificate-authority-data of cluster \(ctx.cluster)")
        } else if let file = cluster.certificateAuthority {
            c.caCertificates = try Self.certificates(file: resolve(file, in: clusterDir), what: "certificate-authority of cluster \(ctx.cluster)")
        }
        guard let userName = ctx.user, !userName.isEmpty else { return c }
        guard let user = config.users?.first(where: { $0.name == userName })?.user else {
            throw .config("user \"\(userName)\" of context \"\(contextName)\" is not in the kubeconfig")
        }
        let userDir = origin["user/" + userName] ?? ""
        if let exec = user.exec {
            throw .unsupported("user \"\(userName)\" gets its credentials from an exec plugin (\(exec.command ?? "a command")), which premortem does not run; use a kubeconfig with a token or a client certificate (for example a ServiceAccount token)")
        }
        if let provider = user.authProvider {
            throw .unsupported("user \"\(userName)\" uses the auth-provider \"\(provider.name ?? "?")\", which premortem does not support; use a token or a client certificate")
        }
        if let token = user.token, !token.isEmpty {
            c.token = TokenSource(fixed: token)
        } else if let file = user.tokenFile {
            c.token = TokenSource(file: resolve(file, in: userDir))
        } else if let u = user.username, let p = user.password {
            c.basicAuth = (u, p)
        }
        let certPEM: [UInt8]?
        if let data = user.clientCertificateData { certPEM = try decodeBase64(data, what: "client-certificate-data") }
        else if let file = user.clientCertificate { certPEM = try read(resolve(file, in: userDir), what: "client-certificate") }
        else { certPEM = nil }
        let keyPEM: [UInt8]?
        if let data = user.clientKeyData { keyPEM = try decodeBase64(data, what: "client-key-data") }
        else if let file = user.clientKey { keyPEM = try read(resolve(file, in: userDir), what: "client-key") }
        else { keyPEM = nil }
        if let certPEM {
            guard let keyPEM else { throw .config("user \"\(userName)\" has a client certificate but no client key") }
            do {
                c.clientCertificateChain = try NIOSSLCertificate.fromPEMBytes(certPEM)
                c.clientKey = try NIOSSLPrivateKey(bytes: keyPEM, format: .pem)
            } catch {
                throw .config("user \"\(userName)\": the client certificate or key is not valid PEM: \(error)")
            }
        }
        return c
    }

    /// `--kubeconfig`, else `KUBECONFIG` (a list), else ~/.kube/config.
    public static func kubeconfigPaths(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if let flag, !flag.isEmpty { return [flag] }
        if let env = environment["KUBECONFIG"], !env.isEmpty { return env.split(separator: ":").map(String.init) }
        return [(environment["HOME"] ?? NSHomeDirectory()) + "/.kube/config"]
    }

    static func resolve(_ path: String, in dir: String) -> String {
        path.hasPrefix("/") || dir.isEmpty ? path : dir + "/" + path
    }

    static func read(_ path: String, what: String) throws(KubeClientError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .config("cannot read \(what) \(path)") }
        return Array(data)
    }

    static func decodeBase64(_ text: String, what: String) throws(KubeClientError) -> [UInt8] {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines), options: .ignoreUnknownCharacters) else {
            throw .config("\(what) is not valid base64")
        }
        return Array(data)
    }

    static func certificates(file: String, what: String) throws(KubeClientError) -> [NIOSSLCertificate] {
        try certificates(pem: read(file, what: what), what: what)
    }

    static func certificates(base64: String, what: String) throws(KubeClientError) -> [NIOSSLCertificate] {
        try certificates(pem: decodeBase64(base64, what: what), what: what)
    }

    static func certificates(pem: [UInt8], what: String) throws(KubeClientError) -> [NIOSSLCertificate] {
        do {
            let certs = try NIOSSLCertificate.fromPEMBytes(pem)
            if certs.isEmpty { throw KubeClientError.config("\(what) holds no certificate") }
            return certs
        } catch let e as KubeClientError {
            throw e
        } catch {
            throw .config("\(what) is not a valid PEM certificate: \(error)")
        }
    }
}
