import ArgumentParser
import Foundation

@main
struct Premortem: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ClusterOptions.isKubectlPlugin ? "kubectl premortem" : "premortem",
        abstract: "Predicts what a Kubernetes change will break before it is admitted.",
        subcommands: [Check.self, Demo.self, Plan.self, Simulate.self, HelmPostRender.self, Serve.self, SnapshotCommand.self, Bench.self]
    )

    /// Bad input of any kind (flags, files, manifests) exits 2 with the message on stderr,
    /// so scripts can tell it from a deny (1).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let e as InputFailure {
            FileHandle.standardError.write(Data("premortem: error: \(e.message)\n".utf8))
            Foundation.exit(2)
        } catch let e as ExitCode {
            exit(withError: e)
        } catch {
            // Help and version requests are not errors.
            if exitCode(for: error) == .success { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
