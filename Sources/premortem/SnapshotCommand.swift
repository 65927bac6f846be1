import ArgumentParser
import Foundation
import Logging
import KubeClient
import KubeModel

/// `premortem snapshot`: the live cluster written out in the format `check --cluster` reads,
/// one `kind: List` JSON file per kind, holding what the simulation reads (no Secret data,
/// no ConfigMap data, no env values): fit to attach to a bug report.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Write the live cluster out as a snapshot folder that check --cluster reads.")

    @Option(help: ArgumentHelp("The kubeconfig to read the cluster through (default: $KUBECONFIG or ~/.kube/config).", valueName: "FILE"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("The kubeconfig context (default: its current context).", valueName: "NAME"))
    var context: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write (created if missing).", valueName: "DIR"))
    var output: String

    @Flag(help: "Also list Secrets (names only).")
    var secrets = false

    func run() async throws {
        let credentials = try ClusterOptions.credentials(kubeconfig: kubeconfig, context: context,
                                                         environment: ProcessInfo.processInfo.environment)
        let terminal = isatty(2) != 0
        var stderr = StandardError()
        let objects = try await ClusterSource.read(credentials, secrets: secrets, logger: Logger(label: "premortem")) { resource, count in
            if terminal { print("\(resource.description): \(count)", to: &stderr) }
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw InputFailure(message: "\(output): cannot create the folder: \(error.localizedDescription)")
        }
        var byKind: [String: [KubeObject]] = [:]
        for o in objects { byKind[o.kind, default: []].append(o) }
        for resource in APIResource.all(secrets: secrets) {
            let items = byKind[resource.kind] ?? []
            let path = output + "/" + resource.plural + ".json"
            try SnapshotWriter.write(items, to: path)
        }
        if terminal { print("wrote \(objects.count) objects to \(output)", to: &stderr) }
    }
}

/// Writes objects as one `kind: List`, an item at a time, so that a large cluster is never
/// held twice (as objects and as text).
enum SnapshotWriter {
    static func write(_ items: [KubeObject], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let out = FileHandle(forWritingAtPath: path) else {
            throw InputFailure(message: "\(path): cannot write")
        }
        defer { try? out.close() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var buffer = Data(#"{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":["#.utf8)
        for (i, item) in items.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(UInt8(ascii: "\n"))
            buffer.append(try encoder.encode(item))
            if buffer.count > 1 << 20 {
                out.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer.append(contentsOf: Array("\n]}\n".utf8))
        out.write(buffer)
    }
}
