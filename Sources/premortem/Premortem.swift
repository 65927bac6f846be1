import ArgumentParser

@main
struct Premortem: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "premortem",
        abstract: "Predicts what a Kubernetes change will break before it is admitted.",
        subcommands: [Check.self, Demo.self, Plan.self, Serve.self, Bench.self]
    )
}
