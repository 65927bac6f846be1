import ArgumentParser
import Foundation
import KubeModel
import Simulation
import Admission
import ClusterState

/// Measures the whole analysis of a typical change (steady state with and without it, and
/// the depth-bounded planner) on generated clusters of growing size.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark the analysis on generated clusters, or scheduling constraints on a snapshot (run a release build).",
        discussion: """
        With --cluster DIR (e.g. a `gen-cluster.py --realistic` snapshot), times the analysis of
        Deployments with topology spread, pod affinity and anti-affinity against a plain one, in
        the same run, and prints each as a ratio to the plain one.
        """)

    @Option(help: ArgumentHelp("A snapshot folder: time the scheduling-constraint workloads on it.", valueName: "DIR"))
    var cluster: String?

    @Option(help: ArgumentHelp("Namespace of the workloads (default: the one with most pods).", valueName: "NS"))
    var namespace: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Cluster sizes in nodes.")
    var nodes: [Int] = [10, 100, 1000, 5000]

    @Option(name: .long, help: "Pods per node.")
    var podsPerNode: Int = 30

    @Option(name: .long, help: "Analyses timed per size.")
    var iterations: Int = 30

    @Option(name: .long, help: "Planner depth.")
    var depth: Int = 2

    @Option(name: .long, help: "Threads the planner explores states on (default: the cores; a busy webhook may get fewer).")
    var workers: Int = AnalysisOptions.cores

    func run() async throws {
        if let cluster {
            try await workloads(ClusterSource.snapshot(cluster))
            return
        }
        print("| nodes | pods | load+settle | p50 | p99 | max | states | peak RSS |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        let clock = ContinuousClock()
        for n in nodes {
            let objects = SyntheticCluster.objects(nodes: n, podsPerNode: podsPerNode)
            let pods = objects.filter { $0.kind == "Pod" }.count
            var analyzer: Analyzer?
            let options = AnalysisOptions(depth: depth, searchWorkers: max(1, workers))
            let setup = clock.measure { analyzer = Analyzer(cluster: Cluster(objects: objects), options: options) }
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

    /// Each workload's analysis timed in turns (plain, spread, ..., plain, spread, ...), so
    /// that drift in the machine's speed falls on all of them alike.
    func workloads(_ source: ClusterSource) async throws {
        let clock = ContinuousClock()
        var loaded: Cluster?
        let load = try await clock.measure { loaded = try await source.load() }
        guard let cluster = loaded else { return }
        var perNamespace: [String: Int] = [:]
        var peers: [String: String] = [:]
        for pod in cluster.pods.values {
            let ns = pod.metadata.namespace ?? "default"
            perNamespace[ns, default: 0] += 1
            if let app = pod.metadata.labels?["app"], peers[ns].map({ app < $0 }) ?? true { peers[ns] = app }
        }
        let ns = namespace ?? perNamespace.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "default"
        var analyzer: Analyzer?
        let settle = clock.measure { analyzer = Analyzer(cluster: cluster, options: AnalysisOptions(depth: depth, searchWorkers: max(1, workers))) }
        guard let analyzer else { return }
        let list = BenchWorkloads.all(namespace: ns, peer: peers[ns] ?? "none")
        let changes = try list.map { w in
            Change(operation: .create, object: try ManifestDecoder.decodeAll(w.manifest, source: w.name)[0])
        }
        print("\(cluster.pods.count) pods, \(cluster.objects.values.filter { $0.kind == "Node" }.count) nodes; load \(ms(load)), settle \(ms(settle)); namespace \(ns)")
        print("")
        print("| workload | p50 | p99 | vs plain (p50) | verdict |")
        print("|---|---:|---:|---:|---|")
        var times = Array(repeating: [Duration](), count: changes.count)
        var verdicts = Array(repeating: "", count: changes.count)
        for _ in 0..<iterations {
            for (k, c) in changes.enumerated() {
                var report: Report?
                times[k].append(clock.measure { report = analyzer.analyze(c) })
                verdicts[k] = report.map { "\($0.verdict)" + ($0.findings.isEmpty ? "" : " (" + Set($0.findings.map { "\($0.type)" }).sorted().joined(separator: ", ") + ")") } ?? ""
            }
        }
        let p50s = times.map { $0.sorted()[$0.count / 2] }
        for k in changes.indices {
            let sorted = times[k].sorted()
            let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
            let ratio = seconds(p50s[k]) / max(seconds(p50s[0]), 1e-9)
            print("| \(list[k].name) | \(ms(p50s[k])) | \(ms(p99)) | \(String(format: "%.2fx", ratio)) | \(verdicts[k]) |")
        }
        print("")
        print("peak RSS \(peakRSS())")
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    func ms(_ d: Duration) -> String { String(format: "%.1f ms", seconds(d) * 1000) }

    func peakRSS() -> String {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return "\(usage.ru_maxrss / 1024) MiB"
    }
}
