import ArgumentParser
import Foundation
import KubeModel
import Simulation
import Admission

/// `helm install --post-renderer premortem --post-renderer-args helm-post-render`: the whole
/// release judged at once before Helm applies any of it. The webhook sees a release one object
/// at a time, and `helm install --dry-run=server` does not call webhooks at all.
struct HelmPostRender: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "helm-post-render",
        abstract: "Helm post-renderer: judge a rendered release before Helm applies it.",
        discussion: """
        Reads the rendered manifests on standard input and writes them unchanged to standard
        output when the release is allowed or warned (warnings on standard error). When it is
        denied, prints the findings on standard error and exits 1, so Helm applies nothing.
        The cluster is the current kubeconfig context, as Helm's own (KUBECONFIG and
        HELM_KUBECONTEXT are honoured), unless --cluster, --demo, --kubeconfig or --context
        name another. Objects without a namespace go to HELM_NAMESPACE (or --namespace), as
        Helm will put them.

          helm install shop ./chart --post-renderer premortem --post-renderer-args helm-post-render
        """)

    @OptionGroup(title: "Cluster (default: the current kubeconfig context)")
    var source: ClusterOptions

    @Option(name: [.customShort("n"), .long], help: "Namespace of the release. Default $HELM_NAMESPACE, else default.")
    var namespace: String?

    @Option(name: .long, help: "Fail from this verdict up: warn or deny.")
    var failOn: FailOn = .deny

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let clusterSource = try source.source() ?? .live(try ClusterOptions.credentials(kubeconfig: nil, context: env["HELM_KUBECONTEXT"], environment: env))
        let ns = namespace ?? env["HELM_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let objects: [KubeObject]
        do {
            objects = try ManifestDecoder.decodeAll(String(decoding: input, as: UTF8.self), source: "the rendered release")
                .map { $0.defaultingNamespace(to: ns) }
        } catch {
            throw InputFailure(message: error.description)
        }
        let cluster = try await clusterSource.load()
        var checker = Checker(cluster: cluster)
        let results = checker.check(objects)
        let verdict = Checker.verdict(results)
        var stderr = StandardError()
        if verdict != .allow {
            print(try ReportPrinter.render(results.filter { $0.report.verdict != .allow }, format: .text, colour: false), to: &stderr)
        }
        if verdict == .deny || (verdict == .warn && failOn == .warn) {
            print("premortem: the release was not applied: \(verdict == .deny ? "denied" : "warned, with --fail-on warn")", to: &stderr)
            throw ExitCode(1)
        }
        FileHandle.standardOutput.write(input)
    }
}
