import Foundation
import Yams

/// A kubeconfig file (`~/.kube/config`), as far as a client that lists and watches needs it.
/// `KUBECONFIG` may name several files; as kubectl does, the first file that defines a name
/// wins, and `current-context` comes from the first file that sets one.
struct KubeConfig: Decodable {
    struct NamedCluster: Decodable {
        var name: String
        var cluster: Cluster
    }
    struct Cluster: Decodable {
        var server: String?
        var certificateAuthority: String?
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify: Bool?
        var tlsServerName: String?
        var proxyURL: String?
        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
        }
    }
    struct NamedUser: Decodable {
        var name: String
        var user: User
    }
    struct Exec: Decodable { var command: String? }
    struct AuthProvider: Decodable { var name: String? }
    struct User: Decodable {
        var token: String?
        var tokenFile: String?
        var clientCertificate: String?
        var clientCertificateData: String?
        var clientKey: String?
        var clientKeyData: String?
        var username: String?
        var password: String?
        var exec: Exec?
        var authProvider: AuthProvider?
        enum CodingKeys: String, CodingKey {
            case token, tokenFile, username, password, exec
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case authProvider = "auth-provider"
        }
    }
    struct NamedContext: Decodable {
        var name: String
        var context: Context
    }
    struct Context: Decodable {
        var cluster: String
        var user: String?
        var namespace: String?
    }

    var clusters: [NamedCluster]?
    var users: [NamedUser]?
    var contexts: [NamedContext]?
    var currentContext: String?
    /// The folder of the file each entry came from: relative paths in it resolve there.
    var directory = ""

    enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }
}

extension KubeConfig {
    /// Reads and merges the files (`--kubeconfig`, or each entry of `KUBECONFIG`).
    static func load(paths: [String]) throws(KubeClientError) -> (KubeConfig, [String: String]) {
        var merged = KubeConfig()
        var origin: [String: String] = [:]
        var read = 0
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                if paths.count == 1 { throw .config("cannot read kubeconfig \(path)") }
                continue
            }
            read += 1
            let text = String(decoding: data, as: UTF8.self)
            let file: KubeConfig
            do { file = try YAMLDecoder().decode(KubeConfig.self, from: text) } catch {
                throw .config("kubeconfig \(path) is not valid: \(error)")
            }
            let dir = (path as NSString).deletingLastPathComponent
            for c in file.clusters ?? [] where !(merged.clusters ?? []).contains(where: { $0.name == c.name }) {
                merged.clusters = (merged.clusters ?? []) + [c]; origin["cluster/" + c.name] = dir
            }
            for u in file.users ?? [] where !(merged.users ?? []).contains(where: { $0.name == u.name }) {
                merged.users = (merged.users ?? []) + [u]; origin["user/" + u.name] = dir
            }
            for c in file.contexts ?? [] where !(merged.contexts ?? []).contains(where: { $0.name == c.name }) {
                merged.contexts = (merged.contexts ?? []) + [c]
            }
            if merged.currentContext == nil || merged.currentContext == "" { merged.currentContext = file.currentContext }
        }
        if read == 0 { throw .config("none of the kubeconfig files can be read: \(paths.joined(separator: ":"))") }
        return (merged, origin)
    }
}

/// Why a connection to the API server could not be set up or used.
public enum KubeClientError: Error, Sendable, CustomStringConvertible, Equatable {
    case config(String)
    case unsupported(String)
    case http(status: Int, reason: String, resource: String)
    case expired(resource: String)
    case transport(String)
    case decode(String)

    public var description: String {
        switch self {
        case .config(let s), .unsupported(let s), .transport(let s), .decode(let s): s
        case .http(let status, let reason, let resource): "\(resource): the API server answered \(status)\(reason.isEmpty ? "" : ": " + reason)"
        case .expired(let resource): "\(resource): the resource version is too old (410 Gone)"
        }
    }
}
