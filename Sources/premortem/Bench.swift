import ArgumentParser
import Foundation
import KubeModel
import Simulation
import Admission
import ClusterState

/// Measures the whole analysis of a typical change (steady state with and without it, and
/// the depth-bounded planner) on generated clusters of growing size.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark the analysis on generated clusters (run a release build).")

    @Option(name: .long, parsing: .upToNextOption, help: "Cluster sizes in nodes.")
    var nodes: [Int] = [10, 100, 1000, 5000]

    @Option(name: .long, help: "Pods per node.")
    var podsPerNode: Int = 30

    @Option(name: .long, help: "Analyses timed per size.")
    var iterations: Int = 30

    @Option(name: .long, help: "Planner depth.")
    var depth: Int = 2

    func run() throws {
        print("| nodes | pods | load+settle | p50 | p99 | max | states | peak RSS |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        let clock = ContinuousClock()
        for n in nodes {
            let objects = SyntheticCluster.objects(nodes: n, podsPerNode: podsPerNode)
            let pods = objects.filter { $0.kind == "Pod" }.count
            var analyzer: Analyzer?
            let setup = clock.measure { analyzer = Analyzer(cluster: Cluster(objects: objects), options: AnalysisOptions(depth: depth)) }
            guard let analyzer else { continue }
            let change = Change(operation: .create, object: SyntheticCluster.proposal())
            var times: [Duration] = []
            var states = 0
            for _ in 0..<iterations {
                var report: Report?
                times.append(clock.measure { report = analyzer.analyze(change) })
                states = report?.search.statesExplored ?? 0
            }
            times.sort()
            func ms(_ d: Duration) -> String {
                let v = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
                return String(format: "%.1f ms", v)
            }
            let p99 = times[min(times.count - 1, Int((Double(times.count) * 0.99).rounded(.up)) - 1)]
            print("| \(n) | \(pods) | \(ms(setup)) | \(ms(times[times.count / 2])) | \(ms(p99)) | \(ms(times.last!)) | \(states) | \(peakRSS()) |")
        }
    }

    func peakRSS() -> String {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return "\(usage.ru_maxrss / 1024) MiB"
    }
}
