import Foundation
import Logging
import Admission
import WebhookServer
import ClusterState
import KubeClient

/// `premortem serve`'s flags merged with the environment (flags win), checked.
struct ServeSettings {
    struct Invalid: Error, CustomStringConvertible { var description: String }

    var configuration = WebhookConfiguration()
    var source: ClusterSource
    var watchSecrets = false
    var logLevel: Logger.Level = .info

    /// What the server reads its cluster from.
    func stateSource() throws -> StateSource {
        switch source {
        case .demo, .snapshotFolder:
            let source = self.source
            return .cluster { try await source.load() }
        case .live(let credentials):
            do { return .live(try KubeAPI(credentials: credentials), secrets: watchSecrets) } catch {
                throw Invalid(description: error.description)
            }
        }
    }

    init(_ flags: Serve, environment env: [String: String]) throws {
        func list(_ name: String) -> [String] {
            (env[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func bool(_ name: String) throws -> Bool {
            guard let raw = env[name]?.lowercased(), !raw.isEmpty else { return false }
            switch raw {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: throw Invalid(description: "\(name) must be true or false, got \"\(raw)\"")
            }
        }
        func int(_ flag: Int?, _ name: String, _ what: String) throws -> Int? {
            if let flag { return flag }
            guard let raw = env[name] else { return nil }
            guard let n = Int(raw) else { throw Invalid(description: "\(name) must be a whole number (\(what)), got \"\(raw)\"") }
            return n
        }
        func duration(_ flag: String?, _ name: String, _ option: String) throws -> Duration? {
            guard let raw = flag ?? env[name] else { return nil }
            if let d = GoDuration.parse(raw[...]) { return d }
            if let seconds = Double(raw), seconds >= 0 { return .nanoseconds(Int64(seconds * 1e9)) }
            throw Invalid(description: "\(option) must be a duration like 1s or 500ms, got \"\(raw)\"")
        }

        if let fromFlags = try flags.source.source(environment: env) {
            source = fromFlags
        } else {
            let demo = try bool("PREMORTEM_DEMO")
            let dir = env["PREMORTEM_CLUSTER"].flatMap { $0.isEmpty ? nil : $0 }
            let kubeconfig = env["PREMORTEM_KUBECONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            let context = env["PREMORTEM_CONTEXT"].flatMap { $0.isEmpty ? nil : $0 }
            switch (demo, dir, kubeconfig != nil || context != nil) {
            case (true, nil, false): source = .demo
            case (false, let dir?, false): source = try ClusterSource.snapshot(dir)
            case (false, nil, true): source = .live(try ClusterOptions.credentials(kubeconfig: kubeconfig, context: context, environment: env))
            case (false, nil, false):
                // In a pod: the service account, as client-go's in-cluster config.
                guard env["KUBERNETES_SERVICE_HOST"] != nil else {
                    throw Invalid(description: "say which cluster to judge against: --kubeconfig FILE, --cluster DIR or --demo (in a pod, the service account is used)")
                }
                do { source = .live(try ClusterCredentials.inCluster(environment: env)) } catch {
                    throw Invalid(description: error.description)
                }
            default: throw Invalid(description: "give one of PREMORTEM_DEMO, PREMORTEM_CLUSTER and PREMORTEM_KUBECONFIG")
            }
        }
        watchSecrets = try flags.watchSecrets || bool("PREMORTEM_WATCH_SECRETS")

        configuration.certificatePath = flags.cert ?? env["PREMORTEM_CERT"] ?? configuration.certificatePath
        configuration.privateKeyPath = flags.key ?? env["PREMORTEM_KEY"] ?? configuration.privateKeyPath

        if let address = flags.address ?? env["PREMORTEM_ADDRESS"] {
            (configuration.host, configuration.port) = try Self.parseAddress(address)
        }
        if let raw = flags.mode ?? env["PREMORTEM_MODE"] {
            guard let mode = PolicyMode(rawValue: raw.lowercased()) else {
                throw Invalid(description: "--mode must be enforce, warn or off, got \"\(raw)\"")
            }
            configuration.policy.mode = mode
        }
        if let margin = try duration(flags.timeoutMargin, "PREMORTEM_TIMEOUT_MARGIN", "--timeout-margin") {
            configuration.timeoutMargin = margin
        }
        if let interval = try duration(flags.certReloadInterval, "PREMORTEM_CERT_RELOAD_INTERVAL", "--cert-reload-interval") {
            guard interval > .zero else { throw Invalid(description: "--cert-reload-interval must be more than 0") }
            configuration.certificateReloadInterval = interval
        }
        if let n = try int(flags.maxConcurrent, "PREMORTEM_MAX_CONCURRENT", "--max-concurrent") {
            guard n >= 1 else { throw Invalid(description: "--max-concurrent must be at least 1, got \(n)") }
            configuration.maxConcurrent = n
        }
        for (flag, name, option, apply) in [
            (flags.idleTimeout, "PREMORTEM_IDLE_TIMEOUT", "--idle-timeout", { (d: Duration, c: inout WebhookConfiguration) in c.idleTimeout = d }),
            (flags.handshakeTimeout, "PREMORTEM_HANDSHAKE_TIMEOUT", "--handshake-timeout", { $1.handshakeTimeout = $0 }),
            (flags.bodyTimeout, "PREMORTEM_BODY_TIMEOUT", "--body-timeout", { $1.bodyTimeout = $0 }),
            (flags.shutdownTimeout, "PREMORTEM_SHUTDOWN_TIMEOUT", "--shutdown-timeout", { $1.shutdownTimeout = $0 }),
        ] as [(String?, String, String, (Duration, inout WebhookConfiguration) -> Void)] {
            if let d = try duration(flag, name, option) {
                guard d > .zero else { throw Invalid(description: "\(option) must be more than 0") }
                apply(d, &configuration)
            }
        }
        if let n = try int(flags.maxConnections, "PREMORTEM_MAX_CONNECTIONS", "--max-connections") {
            guard n >= 1 else { throw Invalid(description: "--max-connections must be at least 1, got \(n)") }
            configuration.maxConnections = n
        }
        if let ca = flags.clientCa ?? env["PREMORTEM_CLIENT_CA"], !ca.isEmpty {
            guard FileManager.default.isReadableFile(atPath: ca) else {
                throw Invalid(description: "--client-ca: cannot read \(ca)")
            }
            configuration.clientCAPath = ca
        }
        if let n = try int(flags.maxBodyBytes, "PREMORTEM_MAX_BODY_BYTES", "--max-body-bytes") {
            guard n >= 1024 else { throw Invalid(description: "--max-body-bytes must be at least 1024, got \(n)") }
            configuration.maxBodyBytes = n
        }
        var excluded: Set<String> = ["kube-system"]
        excluded.formUnion(flags.excludeNamespace.isEmpty ? list("PREMORTEM_EXCLUDE_NAMESPACES") : flags.excludeNamespace)
        if let own = flags.podNamespace ?? env["POD_NAMESPACE"], !own.isEmpty { excluded.insert(own) }
        configuration.policy.excludedNamespaces = excluded
        configuration.policy.exemptUsers = Set(flags.exemptUser.isEmpty ? list("PREMORTEM_EXEMPT_USERS") : flags.exemptUser)
        configuration.policy.exemptGroups = Set(flags.exemptGroup.isEmpty ? list("PREMORTEM_EXEMPT_GROUPS") : flags.exemptGroup)
        if let raw = flags.logLevel ?? env["PREMORTEM_LOG_LEVEL"] {
            guard let level = Logger.Level(rawValue: raw.lowercased()) else {
                throw Invalid(description: "--log-level must be one of trace, debug, info, notice, warning, error, critical")
            }
            logLevel = level
        }
    }

    /// "HOST:PORT", ":PORT" (all interfaces) or "[IPv6]:PORT".
    static func parseAddress(_ text: String) throws -> (String, Int) {
        let bad = Invalid(description: "--address must be HOST:PORT (for example 0.0.0.0:8443), got \"\(text)\"")
        guard let colon = text.lastIndex(of: ":") else { throw bad }
        var host = String(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { throw bad }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "0.0.0.0" }
        return (host, port)
    }
}
