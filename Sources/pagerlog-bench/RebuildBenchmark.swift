import ArgumentParser
import EventStore
import Fixtures
import Foundation
import Projections

/// `pagerlog-bench rebuild`: every read model rebuilt from a long realistic log, and the cost of keeping
/// them inline, each against its reference in the same run.
struct RebuildBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild all read models from a synthetic log, against a raw scan; inline-projection overhead."
    )

    @Option(help: "The compiled tools/baselines/lmdb_baseline.c.")
    var baseline: String

    @Option(help: "Events in the log that is rebuilt.")
    var events = 1_000_000

    @Option(help: "Appends per mode for the inline-overhead figure.")
    var inlineAppends = 24_000

    @Option(help: "Concurrent appenders for the inline-overhead figure.")
    var appenders = 64

    @Option(help: "Rounds of the inline-overhead figure, each timing both modes back to back, the order swapped from round to round; medians are reported.")
    var inlineRounds = 4

    func run() async throws {
        let memory = MemorySampler()
        let directory = ScratchDirectory()
        defer { directory.remove() }
        var history = SyntheticHistory(seed: 7)
        let setUp = history.setUp(organizations: 5, usersEach: 60, serversEach: 80)
        let catalog = try ReadModels().catalog

        try await LMDBEventLog.withOpenLog(directory: directory.path) { log in
            try await Self.append(try Self.proposed(setUp, catalog), to: log, appenders: appenders)
            while log.headPosition < events {
                let appends = (0..<256).map { _ in history.next() }
                try await Self.append(try Self.proposed(appends, catalog), to: log, appenders: appenders)
            }
        }
        let models = try ReadModels()
        let rebuildMemory = MemorySampler()
        let anonymousBefore = MemorySampler.anonymousMB
        let (elapsed, count) = try await LMDBEventLog.withOpenLog(
            directory: directory.path, configuration: .init(hooks: [models.runner])
        ) { log in
            (try await ContinuousClock().measure { try await models.runner.catchUp(log) }, log.headPosition)
        }
        rebuildMemory.stop()
        let c = CBaseline(executable: baseline)
        let cScan = try c.figure("scan", from: try c.run(["scan", directory.path, "log/events"]))
        let rebuild = Double(count) / elapsed.seconds
        BenchReport.figure("rebuild_events", Double(count), "events")
        BenchReport.figure("rebuild", rebuild, "events/s")
        BenchReport.figure("c_scan", cScan, "events/s")
        BenchReport.ratio("rebuild", rebuild / cScan, versus: "c_scan")
        BenchReport.figure("rebuild_anon_growth", max(0, rebuildMemory.peakAnonymousMB - anonymousBefore), "MB")

        let overhead = try await inlineOverhead(&history, catalog)
        BenchReport.note("append_inline_projections rounds: \(overhead.map { Int($0.inline) }), log alone: \(overhead.map { Int($0.alone) })")
        BenchReport.figure("append_inline_projections", median(overhead.map(\.inline)), "events/s")
        BenchReport.figure("append_log_alone", median(overhead.map(\.alone)), "events/s")
        BenchReport.ratio("append_inline_projections", median(overhead.map { $0.inline / $0.alone }), versus: "append_log_alone")

        memory.stop()
        BenchReport.figure("peak_rss_mb", MemorySampler.peakResidentMB, "MB")
        BenchReport.figure("peak_anon_rss_mb", memory.peakAnonymousMB, "MB")
    }

    /// Durable appends of the same traffic with every projection inline and with none, each round timing
    /// the two back to back on fresh logs. The order alternates: on this shared machine, whichever of two
    /// back-to-back runs goes second is often a few percent faster.
    private func inlineOverhead(
        _ history: inout SyntheticHistory, _ catalog: EventCatalog
    ) async throws -> [(inline: Double, alone: Double)] {
        let setUp = try Self.proposed(history.setUp(organizations: 2, usersEach: 30, serversEach: 50), catalog)
        let traffic = try Self.proposed((0..<inlineAppends).map { _ in history.next() }, catalog)
        var rounds: [(inline: Double, alone: Double)] = []
        for round in 0..<max(inlineRounds, 1) {
            var rates: [Bool: Double] = [:]
            for inline in round.isMultiple(of: 2) ? [true, false] : [false, true] {
                rates[inline] = try await appendRate(setUp, traffic, inline: inline)
            }
            rounds.append((rates[true] ?? 0, rates[false] ?? 0))
        }
        return rounds
    }

    /// Durable appends/s of `traffic` on a fresh log holding `setUp`, with every projection inline or none.
    private func appendRate(_ setUp: [ProposedAppend], _ traffic: [ProposedAppend], inline: Bool) async throws -> Double {
        let models = try ReadModels()
        return try await ScratchDirectory.use { path in
            try await LMDBEventLog.withOpenLog(directory: path, configuration: .init(hooks: inline ? [models.runner] : [])) { log in
                try await models.runner.catchUp(log)
                try await Self.append(setUp, to: log, appenders: appenders)
                let before = log.headPosition
                let elapsed = try await ContinuousClock().measure {
                    try await Self.append(traffic, to: log, appenders: appenders)
                }
                return Double(log.headPosition - before) / elapsed.seconds
            }
        }
    }

    /// One append of the history, encoded as the command that makes it would: ready for the log.
    private struct ProposedAppend: Sendable {
        let stream: String
        let events: [ProposedEvent]
    }

    /// Encodes `appends`, leaving out the empty ones; done before any timing starts.
    private static func proposed(_ appends: [SyntheticHistory.Append], _ catalog: EventCatalog) throws -> [ProposedAppend] {
        try appends.map { ProposedAppend(stream: $0.stream, events: try $0.proposed(catalog)) }.filter { !$0.events.isEmpty }
    }

    /// Appends `proposed` with `appenders` concurrent appenders, each taking the next one in turn.
    private static func append(_ proposed: [ProposedAppend], to log: LMDBEventLog, appenders: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for appender in 0..<appenders {
                group.addTask {
                    for index in stride(from: appender, to: proposed.count, by: appenders) {
                        _ = try await log.append(proposed[index].events, to: proposed[index].stream)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
