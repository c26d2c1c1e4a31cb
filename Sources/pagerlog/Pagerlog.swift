import ArgumentParser
import NIOCore
import NIOPosix

/// The `pagerlog` command line: the server and the operator's tools for its log.
struct Pagerlog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pagerlog",
        abstract: "On-call paging backend on an append-only event log.",
        subcommands: [
            ServeCommand.self, VerifyCommand.self, ExportCommand.self, ImportCommand.self, RebuildCommand.self, ReplayCommand.self,
        ]
    )
}

/// The process's entry point. For `serve`, before anything else runs, NIO's event loops become Swift
/// concurrency's executor: request handlers then run on the threads that do the server's I/O, without a
/// hop to another pool and back for every request (NIO allows this only from the main thread, first).
@main
enum Main {
    static func main() async {
        if CommandLine.arguments.dropFirst().first == ServeCommand.configuration.commandName {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await Pagerlog.main()
    }
}
