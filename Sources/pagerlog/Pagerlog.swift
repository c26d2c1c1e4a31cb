import ArgumentParser

/// The `pagerlog` command line: the server and the operator's tools for its log.
@main
struct Pagerlog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pagerlog",
        abstract: "On-call paging backend on an append-only event log.",
        subcommands: [
            ServeCommand.self, VerifyCommand.self, ExportCommand.self, ImportCommand.self, RebuildCommand.self, ReplayCommand.self,
        ]
    )
}
