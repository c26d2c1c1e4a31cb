import ArgumentParser

/// Benchmarks and the crash test: drivers that measure the real code, kept out of the shipped `pagerlog`.
@main
struct PagerlogBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pagerlog-bench",
        abstract: "Benchmarks and crash tests for Pagerlog; prints `BENCH <name> <value> <unit>` lines.",
        subcommands: [AppendBenchmark.self, RebuildBenchmark.self, BareServer.self, CrashTest.self, CrashChild.self]
    )
}
