import ArgumentParser
import Foundation

extension Premortem {
    /// Like ArgumentParser's own `main`, but a command line that cannot be parsed exits 2
    /// (the usual code for usage errors, which scripts and the chart's probes rely on)
    /// instead of ArgumentParser's 64.
    static func main() async {
        let command: any ParsableCommand
        do { command = try parseAsRoot() } catch {
            if exitCode(for: error) == .validationFailure {
                var stderr = StandardError()
                print(fullMessage(for: error), to: &stderr)
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
