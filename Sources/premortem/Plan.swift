import ArgumentParser
import Foundation
import KubeModel
import Simulation
import Admission
import ClusterState

/// Exit status: 0 no harm found and the search was complete; 1 harm found; 3 the search was
/// cut short (by its state bound) and found nothing; 2 bad input.
struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report which faults would harm the cluster as it stands.",
        discussion: "Exit status: 0 nothing found (complete search), 1 harm found, 3 search cut short with nothing found, 2 bad input.")

    @OptionGroup(title: "Cluster")
    var source: ClusterOptions

    @Option(name: .long, help: "How many faults to chain.")
    var depth: Int = 1

    @Option(name: .long, help: "How many states the search may explore.")
    var maxStates: Int = 20_000

    @Option(name: .shortAndLong, help: "Output format: text, yaml or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if !source.isGiven {
            throw ValidationError("give --cluster DIR, --kubeconfig FILE or --demo")
        }
        if depth < 1 || depth > 3 { throw ValidationError("--depth must be between 1 and 3") }
        if maxStates < 1 { throw ValidationError("--max-states must be at least 1") }
    }

    func run() async throws {
        guard let clusterSource = try source.source() else { throw ValidationError("give --cluster DIR, --kubeconfig FILE or --demo") }
        let cluster = try await clusterSource.load()
        let report = Resilience.report(cluster: cluster, depth: depth, maxStates: maxStates)
        let result = Checker.Result(object: ObjectRef(kind: "Cluster", namespace: nil, name: clusterSource.description),
                                    operation: Simulation.Operation.connect, report: report)
        print(try ReportPrinter.render([result], format: output, colour: ReportPrinter.stdoutIsTerminal))
        if !report.findings.isEmpty { throw ExitCode(1) }
        if !report.search.complete { throw ExitCode(3) }
    }
}
