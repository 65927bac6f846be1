import ArgumentParser
import Foundation
import Logging
import Admission
import ClusterState
import KubeModel
import WebhookServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the validating admission webhook (TLS, POST /validate).",
        discussion: "Every option can also be set from the environment: PREMORTEM_DEMO, PREMORTEM_CLUSTER, PREMORTEM_KUBECONFIG, "
            + "PREMORTEM_CONTEXT, PREMORTEM_WATCH_SECRETS, "
            + "PREMORTEM_CERT, PREMORTEM_KEY, PREMORTEM_ADDRESS, PREMORTEM_MODE, PREMORTEM_TIMEOUT_MARGIN, "
            + "PREMORTEM_MAX_CONCURRENT, PREMORTEM_MAX_BODY_BYTES, PREMORTEM_IDLE_TIMEOUT, PREMORTEM_HANDSHAKE_TIMEOUT, "
            + "PREMORTEM_BODY_TIMEOUT, PREMORTEM_MAX_CONNECTIONS, PREMORTEM_SHUTDOWN_TIMEOUT, PREMORTEM_CLIENT_CA, "
            + " PREMORTEM_EXCLUDE_NAMESPACES, PREMORTEM_EXEMPT_USERS, "
            + "PREMORTEM_EXEMPT_GROUPS (comma-separated lists), PREMORTEM_CERT_RELOAD_INTERVAL, PREMORTEM_LOG_LEVEL, "
            + "and POD_NAMESPACE (the webhook's own namespace, always excluded). Flags win over the environment.")

    @OptionGroup(title: "Cluster (default: the pod's service account when run in a cluster)")
    var source: ClusterOptions
    @Flag(help: "Also watch Secrets (their names only), for findings about missing Secrets. The RBAC that allows it lets the account read them.")
    var watchSecrets = false
    @Option(help: ArgumentHelp("Serving certificate (PEM); reloaded when it changes. Default /etc/premortem/tls/tls.crt", valueName: "FILE"))
    var cert: String?
    @Option(help: ArgumentHelp("Private key of the certificate (PEM). Default /etc/premortem/tls/tls.key", valueName: "FILE"))
    var key: String?
    @Option(help: ArgumentHelp("Where to listen. Default 0.0.0.0:8443", valueName: "HOST:PORT"))
    var address: String?
    @Option(help: ArgumentHelp("enforce (deny and warn), warn (never deny) or off. Default enforce", valueName: "MODE"))
    var mode: String?
    @Option(help: ArgumentHelp("Time kept back from the apiserver's timeout, e.g. 1s or 500ms. Default 1s", valueName: "DURATION"))
    var timeoutMargin: String?
    @Option(help: ArgumentHelp("Analyses at once; more wait while their deadline allows. Default 2 x cores", valueName: "N"))
    var maxConcurrent: Int?
    @Option(help: ArgumentHelp("Close connections with no request in progress (idle, or a head still incomplete) after this. Default 30s", valueName: "DURATION"))
    var idleTimeout: String?
    @Option(help: ArgumentHelp("Close connections whose TLS handshake is not done by then. Default 10s", valueName: "DURATION"))
    var handshakeTimeout: String?
    @Option(help: ArgumentHelp("Answer 408 to a request whose body has not all arrived by then. Default 10s", valueName: "DURATION"))
    var bodyTimeout: String?
    @Option(help: ArgumentHelp("Connections served at once; more wait in the listen backlog. Default 512", valueName: "N"))
    var maxConnections: Int?
    @Option(help: ArgumentHelp("After SIGTERM, close every connection and exit after this. Default 15s", valueName: "DURATION"))
    var shutdownTimeout: String?
    @Option(help: ArgumentHelp("CA (PEM) that must have signed the client certificate of callers of /validate and /allow (kube-apiserver's, from its AdmissionConfiguration kubeConfigFile). Health, readiness and metrics need none.", valueName: "FILE"))
    var clientCa: String?
    @Option(help: ArgumentHelp("Largest request body accepted. Default 7340032 (7 MiB)", valueName: "N"))
    var maxBodyBytes: Int?
    @Option(help: ArgumentHelp("Namespace left alone (repeatable); kube-system and POD_NAMESPACE always are.", valueName: "NS"))
    var excludeNamespace: [String] = []
    @Option(help: ArgumentHelp("User whose changes are allowed unchecked (repeatable).", valueName: "USER"))
    var exemptUser: [String] = []
    @Option(help: ArgumentHelp("Group whose changes are allowed unchecked (repeatable).", valueName: "GROUP"))
    var exemptGroup: [String] = []
    @Option(help: ArgumentHelp("The webhook's own namespace (excluded). Default $POD_NAMESPACE", valueName: "NS"))
    var podNamespace: String?
    @Option(help: ArgumentHelp("How often to check the certificate files for changes. Default 2s", valueName: "DURATION"))
    var certReloadInterval: String?
    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical. Default info", valueName: "LEVEL"))
    var logLevel: String?
    /// For scripts (the end-to-end test) that need the manifests the demo cluster is judged with.
    @Option(help: .hidden)
    var printDemoProposal: String?
    /// For the load test: a v1 AdmissionReview CREATE of a demo proposal, as JSON.
    @Option(help: .hidden)
    var printDemoReview: String?

    func run() async throws {
        if let name = printDemoProposal ?? printDemoReview {
            guard let proposal = DemoCluster.proposals.first(where: { $0.name == name }) else {
                var stderr = StandardError()
                let names = DemoCluster.proposals.map(\.name).joined(separator: ", ")
                print("Error: no demo proposal \"\(name)\" (there are: \(names))", to: &stderr)
                throw ExitCode(2)
            }
            if printDemoProposal != nil {
                print(proposal.manifest, terminator: proposal.manifest.hasSuffix("\n") ? "" : "\n")
            } else {
                print(try DemoReview.json(for: proposal.object))
            }
            return
        }
        MallocTuning.apply()
        let settings: ServeSettings
        do {
            settings = try ServeSettings(self, environment: ProcessInfo.processInfo.environment)
        } catch {
            var stderr = StandardError()
            print("Error: \(error)\nRun 'premortem serve --help' for usage.", to: &stderr)
            throw ExitCode(2)
        }
        let level = settings.logLevel
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "premortem")
        let source = settings.source
        let server: WebhookServer
        do {
            server = try WebhookServer(configuration: settings.configuration, source: try settings.stateSource(), logger: logger)
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode.failure
        }
        logger.info("starting", metadata: [
            "mode": .string(settings.configuration.policy.mode.rawValue),
            "cluster": .string(source.description),
            "max_concurrent": .stringConvertible(settings.configuration.maxConcurrent),
            "client_ca": .string(settings.configuration.clientCAPath ?? "none: any caller is accepted"),
            "excluded_namespaces": .array(settings.configuration.policy.excludedNamespaces.sorted().map { .string($0) }),
        ])
        do {
            try await server.run()
        } catch {
            logger.critical("stopped: \(error)")
            throw ExitCode.failure
        }
        logger.info("stopped")
    }
}
