import ArgumentParser
import NIOCore
import NIOPosix

/// Benchmarks and the crash test: drivers that measure the real code, kept out of the shipped `pagerlog`.
struct PagerlogBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pagerlog-bench",
        abstract: "Benchmarks and crash tests for Pagerlog; prints `BENCH <name> <value> <unit>` lines.",
        subcommands: [AppendBenchmark.self, RebuildBenchmark.self, BareServer.self, CrashTest.self, CrashChild.self]
    )
}

/// The entry point. The bare server runs as `pagerlog serve` does, with NIO's event loops as Swift
/// concurrency's executor, so that the HTTP benchmark compares handlers, not runtime settings.
@main
enum Main {
    static func main() async {
        if CommandLine.arguments.dropFirst().first == BareServer.configuration.commandName {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await PagerlogBench.main()
    }
}
