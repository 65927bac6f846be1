import ArgumentParser
import Foundation
import KubeModel
import Simulation
import Admission
import ClusterState

enum FailOn: String, ExpressibleByArgument { case warn, deny }

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge proposed objects against a cluster snapshot.",
        discussion: """
        Exit status: 0 allow or warn, 1 deny (or warn with --fail-on warn), 2 bad input.
        The snapshot is a folder of `kubectl get -o yaml` output (single objects, multi-document
        streams or `kind: List`).
        """)

    @OptionGroup(title: "Cluster (with --demo and no -f, the demo's own proposals are judged)")
    var source: ClusterOptions

    @Option(name: .shortAndLong, help: "File with the proposed objects; - reads standard input.")
    var file: String?

    @Option(name: [.customShort("n"), .long], help: "Namespace for objects that name none, as `kubectl apply -n`. Default: default.")
    var namespace: String?

    @Option(name: .long, help: "CREATE, UPDATE or DELETE; by default CREATE, or UPDATE when the object exists.")
    var operation: String?

    @Option(name: .long, help: "Judge a static pod manifest as the replacement of the mirror pod on this node.")
    var node: String?

    @Option(name: .shortAndLong, help: "Output format: text, yaml or json.")
    var output: OutputFormat = .text

    @Option(name: .long, help: "Exit 1 from this verdict up: warn or deny.")
    var failOn: FailOn = .deny

    @Option(name: .long, help: "How many faults the planner may chain.")
    var depth: Int = 2

    func validate() throws {
        if !source.isGiven {
            throw ValidationError("give --cluster DIR, --kubeconfig FILE or --demo")
        }
        if file == nil && !source.demo { throw ValidationError("give -f FILE (or - for standard input)") }
        if let operation, Simulation.Operation(rawValue: operation.uppercased()) == nil || operation.uppercased() == "CONNECT" {
            throw ValidationError("--operation must be CREATE, UPDATE or DELETE, not \(operation)")
        }
        if depth < 0 || depth > 4 { throw ValidationError("--depth must be between 0 and 4") }
    }

    func run() async throws {
        guard let clusterSource = try source.source() else { throw ValidationError("give --cluster DIR, --kubeconfig FILE or --demo") }
        let cluster = try await clusterSource.load()
        var proposed: [KubeObject]
        do {
            proposed = try file.map(Input.read) ?? DemoCluster.proposals.map(\.object)
            if let namespace { proposed = proposed.map { $0.defaultingNamespace(to: namespace) } }
            if let node { proposed = try proposed.map { try StaticPodManifest.asMirror($0, node: node, cluster: cluster) } }
        } catch let e as ManifestError {
            throw InputFailure(message: e.description)
        }
        let op = operation.flatMap { Simulation.Operation(rawValue: $0.uppercased()) }
        var checker = Checker(cluster: cluster, options: AnalysisOptions(depth: depth))
        let results = checker.check(proposed, operation: op)
        print(try ReportPrinter.render(results, format: output, colour: ReportPrinter.stdoutIsTerminal))
        let verdict = Checker.verdict(results)
        if verdict == .deny || (verdict == .warn && failOn == .warn) { throw ExitCode(1) }
    }
}

/// Bad input: a message on stderr and exit status 2.
struct InputFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

enum Input {
    static func read(_ path: String) throws -> [KubeObject] {
        let text: String
        if path == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InputFailure(message: "\(path): cannot read file")
            }
            text = String(decoding: data, as: UTF8.self)
        }
        let objects = try ManifestDecoder.decodeAll(text, source: path == "-" ? "standard input" : path)
        if objects.isEmpty { throw InputFailure(message: "\(path == "-" ? "standard input" : path): no objects to check") }
        return objects
    }
}
