import ArgumentParser

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not built yet.")
    func run() throws { throw ExitCode(2) }
}
