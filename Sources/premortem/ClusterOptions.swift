import ArgumentParser
import Foundation
import Logging
import ClusterState
import KubeClient
import KubeModel
import Simulation

/// Where a command's cluster comes from, for every command that reads one.
struct ClusterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A cluster snapshot: a folder of `kubectl get -o yaml|json` output (or `premortem snapshot`).", valueName: "DIR"))
    var cluster: String?

    @Flag(help: "Use the embedded demo cluster.")
    var demo = false

    @Option(help: ArgumentHelp("Read the cluster live through this kubeconfig (several: colon-separated, as KUBECONFIG).", valueName: "FILE"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("The kubeconfig context to use (default: its current context). Implies a live cluster.", valueName: "NAME"))
    var context: String?

    /// Run as `kubectl premortem` (the binary installed as `kubectl-premortem` on PATH): like
    /// every kubectl command, it reads the current context unless told otherwise.
    static var isKubectlPlugin: Bool {
        URL(fileURLWithPath: CommandLine.arguments.first ?? "").lastPathComponent == "kubectl-premortem"
    }

    /// Whether a cluster is named, or implied by running as a kubectl plugin.
    var isGiven: Bool { cluster != nil || demo || kubeconfig != nil || context != nil || Self.isKubectlPlugin }

    /// The source the flags name, or nil when they name none.
    func source(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ClusterSource? {
        let live = kubeconfig != nil || context != nil
        let given = [cluster != nil, demo, live].filter { $0 }.count
        if given > 1 { throw ValidationError("give one of --cluster DIR, --demo and --kubeconfig FILE") }
        if demo { return .demo }
        if let cluster { return try ClusterSource.snapshot(cluster) }
        if live || Self.isKubectlPlugin { return .live(try Self.credentials(kubeconfig: kubeconfig, context: context, environment: environment)) }
        return nil
    }

    static func credentials(kubeconfig: String?, context: String?, environment: [String: String]) throws -> ClusterCredentials {
        do {
            return try ClusterCredentials.kubeconfig(paths: ClusterCredentials.kubeconfigPaths(flag: kubeconfig, environment: environment),
                                                     context: context)
        } catch {
            throw InputFailure(message: error.description)
        }
    }
}

/// A cluster to judge against: fixed objects, or the live API.
enum ClusterSource: Sendable, CustomStringConvertible {
    case demo
    case snapshotFolder(URL)
    case live(ClusterCredentials)

    static func snapshot(_ dir: String) throws -> ClusterSource {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw InputFailure(message: "--cluster \(dir): no such directory")
        }
        return .snapshotFolder(URL(fileURLWithPath: dir))
    }

    /// The cluster as it stands: a folder streamed straight into the store (no list of every
    /// object is held), or every kind listed from the API.
    func load(logger: Logger = Logger(label: "premortem"), progress: (APIResource, Int) -> Void = { _, _ in }) async throws -> Cluster {
        switch self {
        case .demo:
            return Cluster(objects: DemoCluster.objects)
        case .snapshotFolder(let url):
            var cluster = Cluster()
            do {
                try Snapshot.forEachObject(directory: url, interner: Interner()) { cluster.insert($0) }
            } catch {
                throw InputFailure(message: error.description)
            }
            return cluster
        case .live(let credentials):
            return Cluster(objects: try await Self.read(credentials, logger: logger, progress: progress))
        }
    }

    /// Every object of every kind the simulation reads, listed from the API server.
    static func read(_ credentials: ClusterCredentials, secrets: Bool = false, logger: Logger,
                     progress: (APIResource, Int) -> Void) async throws -> [KubeObject] {
        do throws(KubeClientError) {
            let api = try KubeAPI(credentials: credentials)
            do throws(KubeClientError) {
                let objects = try await ClusterReader.read(api: api, secrets: secrets, logger: logger, progress: progress)
                await api.shutdown()
                return objects
            } catch {
                await api.shutdown()
                throw error
            }
        } catch {
            throw InputFailure(message: "\(credentials.server): \(error)")
        }
    }

    var description: String {
        switch self {
        case .demo: "demo"
        case .snapshotFolder(let url): url.path
        case .live(let c): "\(c.server) (\(c.origin))"
        }
    }
}
