import ArgumentParser
import EventStore
import Fixtures
import Foundation

/// `pagerlog-bench append`: the log's write and read paths against raw LMDB in C, in one run.
struct AppendBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Durable append throughput and latency, and a full scan, against the C baseline."
    )

    @Option(help: "The compiled tools/baselines/lmdb_baseline.c.")
    var baseline: String

    @Option(help: "Appends for the single-appender figures.")
    var singleCount = 3_000

    @Option(help: "Concurrent appenders.")
    var appenders = 64

    @Option(help: "Events written by the concurrent appenders in all, per round.")
    var concurrentCount = 96_000

    @Option(help: "Alternating rounds of the concurrent figure, Swift then C; medians are reported.")
    var rounds = 3

    @Option(help: "Events in the log that is scanned.")
    var scanCount = 1_000_000

    @Option(help: "Timed passes of each scan, Swift's and C's in turn; medians are reported.")
    var scanPasses = 5

    func run() async throws {
        let memory = MemorySampler()
        let c = CBaseline(executable: baseline)
        let eventSize = try await BenchEvents.storedSize()
        BenchReport.figure("envelope_bytes", Double(eventSize), "bytes")

        let single = try await measureSingleAppender()
        let cCommit = try ScratchDirectory.use { try c.run(["commit", $0, "\(singleCount)", "\(eventSize)"]) }
        let cCommitP50 = try c.figure("commit_p50_ms", from: cCommit)
        BenchReport.figure("append_durable_1", single.eventsPerSecond, "events/s")
        BenchReport.figure("append_latency_1_p50", single.p50Milliseconds, "ms")
        BenchReport.figure("append_latency_1_p99", single.p99Milliseconds, "ms")
        BenchReport.figure("c_commit_p50", cCommitP50, "ms")
        BenchReport.ratio("append_latency_1_p50", single.p50Milliseconds / cCommitP50, versus: "c_commit_p50")

        var swiftRates: [Double] = []
        var cRates: [Double] = []
        for _ in 0..<rounds {
            swiftRates.append(try await measureConcurrentAppenders())
            let cAppend = try ScratchDirectory.use { try c.run(["append", $0, "\(concurrentCount)", "\(eventSize)", "64"]) }
            cRates.append(try c.figure("append_batch_64", from: cAppend))
        }
        let concurrent = median(swiftRates)
        let cAppendRate = median(cRates)
        BenchReport.note("append_durable_\(appenders) rounds: \(swiftRates.map { Int($0) }), C: \(cRates.map { Int($0) })")
        BenchReport.figure("append_durable_\(appenders)", concurrent, "events/s")
        BenchReport.figure("c_append_batch_64", cAppendRate, "events/s")
        BenchReport.ratio("append_durable_\(appenders)", concurrent / cAppendRate, versus: "c_append_batch_64")

        let scan = try await measureScan(memory: memory)
        BenchReport.figure("scan", scan.swift, "events/s")
        BenchReport.figure("c_scan", scan.c, "events/s")
        BenchReport.ratio("scan", scan.ratio, versus: "c_scan")
        BenchReport.figure("scan_anon_growth", scan.anonymousGrowthMB, "MB")

        memory.stop()
        BenchReport.figure("peak_rss_mb", MemorySampler.peakResidentMB, "MB")
        BenchReport.figure("peak_anon_rss_mb", memory.peakAnonymousMB, "MB")
        BenchReport.note("peak_rss_mb counts the pages of the memory-mapped log the scan touched; peak_anon_rss_mb is the heap alone")
    }

    private struct SingleAppender {
        let eventsPerSecond: Double
        let p50Milliseconds: Double
        let p99Milliseconds: Double
    }

    /// One appender, one event per durable transaction, nothing else running.
    private func measureSingleAppender() async throws -> SingleAppender {
        try await withBenchLog { log in
            var latencies: [Duration] = []
            latencies.reserveCapacity(singleCount)
            let clock = ContinuousClock()
            let started = clock.now
            var event = BenchEvents.notification(server: 1)
            for _ in 0..<singleCount {
                event.id = .timeOrdered()
                let before = clock.now
                _ = try await log.append([event], to: "server-1")
                latencies.append(clock.now - before)
            }
            let elapsed = clock.now - started
            latencies.sort()
            return SingleAppender(
                eventsPerSecond: Double(singleCount) / elapsed.seconds,
                p50Milliseconds: latencies[latencies.count / 2].seconds * 1_000,
                p99Milliseconds: latencies[latencies.count * 99 / 100].seconds * 1_000)
        }
    }

    /// `appenders` tasks, each appending one event at a time to its own stream.
    private func measureConcurrentAppenders() async throws -> Double {
        try await withBenchLog { log in
            let perAppender = concurrentCount / appenders
            let elapsed = try await ContinuousClock().measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for appender in 0..<appenders {
                        group.addTask {
                            let stream = "server-\(appender)"
                            var event = BenchEvents.notification(server: appender)
                            for _ in 0..<perAppender {
                                event.id = .timeOrdered()
                                _ = try await log.append([event], to: stream)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            return Double(perAppender * appenders) / elapsed.seconds
        }
    }

    private struct Scan {
        let swift: Double
        let c: Double
        /// The median of each pass's ratio to the C pass right after it.
        let ratio: Double
        let anonymousGrowthMB: Double
    }

    /// Fills a log with `scanCount` events, then reads it all into envelopes and lets C walk the same table,
    /// in turn, `scanPasses` times, after one untimed pass of each, so that neither measures the kernel
    /// paging the memory map in. Each pass is compared with the C pass next to it: the shared machine's
    /// speed drifts over seconds, and a pair sees the same drift.
    private func measureScan(memory: MemorySampler) async throws -> Scan {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let log = try LMDBEventLog.open(directory: directory.path)
        try await fill(log, count: scanCount)
        var count = 0
        var payloadBytes = 0
        // The counters are the pass's own locals: a closure stored in a variable would box them, and the
        // box's run-time exclusivity checks would be timed as part of the scan.
        func readAll() throws {
            var events = 0
            var bytes = 0
            try log.forEachEvent { event in
                events += 1
                bytes += event.payload.count
                return true
            }
            count = events
            payloadBytes += bytes
        }
        try readAll()
        let anonymousBefore = MemorySampler.anonymousMB
        let c = CBaseline(executable: baseline)
        var rates: [Double] = []
        var cRates: [Double] = []
        for _ in 0..<scanPasses {
            rates.append(Double(scanCount) / (try ContinuousClock().measure(readAll)).seconds)
            cRates.append(try c.figure("scan", from: try c.run(["scan", directory.path, "log/events", "1"])))
        }
        let ratios = zip(rates, cRates).map { $0 / $1 }
        BenchReport.note("scan passes: \(rates.map { Int($0) }), C: \(cRates.map { Int($0) })")
        let growth = memory.peakAnonymousMB - anonymousBefore
        await log.close()
        guard count == scanCount, payloadBytes > 0 else {
            throw CBaseline.Failed(description: "the scan read \(count) of \(scanCount) events")
        }
        return Scan(swift: median(rates), c: median(cRates), ratio: median(ratios), anonymousGrowthMB: max(0, growth))
    }

    /// Writes exactly `count` events quickly: concurrent appenders, batches of up to 100.
    private func fill(_ log: LMDBEventLog, count: Int) async throws {
        let writers = 16
        let batch = 100
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                let share = count / writers + (writer < count % writers ? 1 : 0)
                group.addTask {
                    for start in stride(from: 0, to: share, by: batch) {
                        let events = (start..<min(start + batch, share)).map { _ in BenchEvents.notification(server: writer) }
                        _ = try await log.append(events, to: "server-\(writer)")
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private func withBenchLog<Result>(_ body: (LMDBEventLog) async throws -> Result) async throws -> Result {
        try await ScratchDirectory.use { try await LMDBEventLog.withOpenLog(directory: $0, body) }
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
