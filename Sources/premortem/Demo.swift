import ArgumentParser
import KubeModel
import Simulation
import Admission
import ClusterState

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the embedded demo: a small cluster and a few changes, each judged.")

    @Option(name: .shortAndLong, help: "Output format: text, yaml or json.")
    var output: OutputFormat = .text

    func run() throws {
        let colour = ReportPrinter.stdoutIsTerminal
        print("Demo cluster: \(DemoCluster.snapshot.summary)\n")
        for p in DemoCluster.proposals {
            // Each proposal is judged on its own against the untouched demo cluster.
            var checker = Checker(cluster: Cluster(objects: DemoCluster.objects))
            let results = checker.check([p.object])
            print("# \(p.name): \(p.summary) (expected: \(p.expected))")
            print(try ReportPrinter.render(results, format: output, colour: colour))
            print("")
        }
    }
}
