import EventStore
import Fixtures
import Foundation
import Projections
import Testing

/// Counts events per type; `version` is whatever the test says, the fold is the same.
private struct TypeCounts: Projection {
    let name = "type-counts"
    let version: UInt32

    func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws {
        let table = try tables.table("counts")
        let key = Array(event.type.utf8)
        let count = try tables.transaction.value(in: table, forKey: key).map(Self.number) ?? 0
        try tables.transaction.put(withUnsafeBytes(of: (count + 1).bigEndian) { Array($0) }, forKey: key, in: table)
    }

    static func number(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The counts table as the serving version has it, with that version.
    static func read(_ runner: ProjectionRunner, _ log: LMDBEventLog) throws -> (version: UInt32, counts: [String: UInt64]) {
        try runner.read("type-counts", in: log) { reader in
            var counts: [String: UInt64] = [:]
            if let table = reader.table("counts") {
                try reader.transaction.scan(table) { key, value in
                    counts[String(decoding: key, as: UTF8.self)] = number(Array(value))
                    return true
                }
            }
            return (reader.version, counts)
        }
    }
}

/// The counts a full scan of the log gives.
private func expectedCounts(_ log: LMDBEventLog) throws -> [String: UInt64] {
    var counts: [String: UInt64] = [:]
    try log.forEachEvent { event in
        counts[event.type, default: 0] += 1
        return true
    }
    return counts
}

private func appendMixed(_ log: LMDBEventLog, count: Int) async throws {
    for chunk in stride(from: 0, to: count, by: 100) {
        let events = (chunk..<min(chunk + 100, count)).map { index in
            ProposedEvent(type: "type-\(index % 7)", actor: "test", payload: Data(#"{"i":\#(index)}"#.utf8))
        }
        _ = try await log.append(events, to: "stream-\(chunk % 13)")
    }
}

private func withLog<Result>(
    _ directory: String, runner: ProjectionRunner?, _ body: (LMDBEventLog) async throws -> Result
) async throws -> Result {
    let configuration = LMDBEventLog.Configuration(hooks: runner.map { [$0] } ?? [])
    return try await LMDBEventLog.withOpenLog(directory: directory, configuration: configuration, body)
}

@Suite("Projection runner")
struct ProjectionRunnerTests {
    @Test("a projection answers with what was just appended")
    func readYourWrites() async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let runner = try ProjectionRunner([TypeCounts(version: 1)])
        try await withLog(directory, runner: runner) { log in
            try await runner.catchUp(log)
            _ = try await log.append([ProposedEvent(type: "a", actor: "t", payload: Data("{}".utf8))], to: "s")
            #expect(try TypeCounts.read(runner, log).counts == ["a": 1])
            _ = try await log.append((0..<3).map { _ in ProposedEvent(type: "b", actor: "t", payload: Data("{}".utf8)) }, to: "s")
            #expect(try TypeCounts.read(runner, log).counts == ["a": 1, "b": 3])
            let status = try #require(try runner.status(in: log).first)
            #expect(status.name == "type-counts")
            #expect(status.servingVersion == 1)
            #expect(status.position == 4)
            #expect(status.state == .serving)
        }
    }

    @Test("a version bump rebuilds from the log into fresh tables; the old version answers until the switch")
    func versionBump() async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try ProjectionRunner([TypeCounts(version: 1)])
        let inline = try await withLog(directory, runner: first) { log in
            try await first.catchUp(log)
            try await appendMixed(log, count: 10_000)
            #expect(try TypeCounts.read(first, log).counts == expectedCounts(log))
            return try TypeCounts.read(first, log).counts
        }

        let second = try ProjectionRunner([TypeCounts(version: 2)], chunkSize: 500)
        try await withLog(directory, runner: second) { log in
            #expect(try TypeCounts.read(second, log) == (1, inline))
            try await appendMixed(log, count: 300)
            // Still version 1, as of when the rebuild began.
            #expect(try TypeCounts.read(second, log) == (1, inline))

            let rebuild = Task { try await second.catchUp(log) }
            var versions: [UInt32] = []
            while versions.last != 2 {
                versions.append(try TypeCounts.read(second, log).version)
                await Task.yield()
            }
            try await rebuild.value
            #expect(versions.first == 1 && versions.last == 2 && versions == versions.sorted())

            let rebuilt = try TypeCounts.read(second, log)
            #expect(rebuilt.version == 2)
            #expect(rebuilt.counts == (try expectedCounts(log)))
            let oldTables = try log.read { transaction in
                try transaction.tableNames(withPrefix: "proj/type-counts/v1/").map { name in
                    try transaction.existingTable(named: name).map { try transaction.entryCount(of: $0) } ?? 0
                }
            }
            #expect(oldTables.allSatisfy { $0 == 0 })
            _ = try await log.append([ProposedEvent(type: "type-0", actor: "t", payload: Data("{}".utf8))], to: "s")
            #expect(try TypeCounts.read(second, log).counts == (try expectedCounts(log)))
        }
    }

    @Test("a projection added to an existing log is built before it answers, then follows inline")
    func catchUpNewProjection() async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withLog(directory, runner: nil) { log in try await appendMixed(log, count: 2_000) }
        let runner = try ProjectionRunner([TypeCounts(version: 1)], chunkSize: 300)
        try await withLog(directory, runner: runner) { log in
            #expect(throws: ProjectionError.notReady("type-counts")) { try TypeCounts.read(runner, log) }
            try await runner.catchUp(log)
            #expect(try TypeCounts.read(runner, log).counts == (try expectedCounts(log)))
        }
        // Events appended while the projection was not loaded are caught up next time.
        try await withLog(directory, runner: nil) { log in try await appendMixed(log, count: 500) }
        try await withLog(directory, runner: runner) { log in
            try await runner.catchUp(log)
            #expect(try TypeCounts.read(runner, log).counts == (try expectedCounts(log)))
            #expect(try runner.status(in: log).first?.position == 2_500)
        }
    }

    @Test("a forced rebuild gives the same tables, and unknown names are refused")
    func forcedRebuild() async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let runner = try ProjectionRunner([TypeCounts(version: 1)], chunkSize: 700)
        try await withLog(directory, runner: runner) { log in
            try await runner.catchUp(log)
            try await appendMixed(log, count: 3_000)
            let before = try TypeCounts.read(runner, log)
            try await runner.rebuild("type-counts", in: log)
            #expect(try TypeCounts.read(runner, log) == before)
            await #expect(throws: ProjectionError.unknown("nope")) { try await runner.rebuild("nope", in: log) }
        }
        #expect(throws: ProjectionError.duplicateName("type-counts")) {
            try ProjectionRunner([TypeCounts(version: 1), TypeCounts(version: 2)])
        }
    }
}
