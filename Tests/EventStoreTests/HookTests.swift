import EventStore
import Fixtures
import Foundation
import Testing

/// Counts events per type in a table of its own, and refuses events of the type `poison`.
private struct CountingHook: LogHook {
    struct Refused: Error {}

    func apply(_ events: [RecordedEvent], in transaction: WriteTransaction) throws {
        let table = try transaction.table(named: "test/counts")
        for event in events {
            if event.type == "poison" { throw Refused() }
            let key = Array(event.type.utf8)
            let current = try transaction.value(in: table, forKey: key).map { Int(String(decoding: $0, as: UTF8.self)) ?? 0 } ?? 0
            try transaction.put(Array(String(current + 1).utf8), forKey: key, in: table)
        }
    }
}

@Suite("Log hooks and write transactions")
struct HookTests {
    private func count(_ type: String, in log: LMDBEventLog) throws -> Int {
        try log.read { transaction in
            guard let table = transaction.existingTable(named: "test/counts"),
                  let value = try transaction.value(in: table, forKey: Array(type.utf8))
            else { return 0 }
            return Int(String(decoding: value, as: UTF8.self)) ?? 0
        }
    }

    @Test("a hook's writes are visible as soon as the append returns")
    func readYourWrites() async throws {
        try await withTemporaryLog(.init(hooks: [CountingHook()])) { log, _ in
            _ = try await log.append([event("a"), event("a"), event("b")], to: "s")
            #expect(try count("a", in: log) == 2)
            #expect(try count("b", in: log) == 1)
        }
    }

    @Test("a hook that throws fails only its own append; the rest of the group commit lands")
    func failingHook() async throws {
        try await withTemporaryLog(.init(hooks: [CountingHook()])) { log, _ async throws in
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        (try? await log.append([event(index == 7 ? "poison" : "a")], to: "s-\(index)")) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { !$0 }.count == 1)
            #expect(log.headPosition == 19)
            #expect(try count("a", in: log) == 19)
            #expect(try allEvents(log).allSatisfy { $0.type == "a" })
            #expect(try log.verify().isIntact)
        }
    }

    @Test("a write job commits atomically, and a failing one changes nothing")
    func writeJobs() async throws {
        try await withTemporaryLog { log, _ in
            let stored: Int = try await log.write { transaction in
                let table = try transaction.table(named: "test/settings")
                try transaction.put(Array("on".utf8), forKey: Array("paging".utf8), in: table)
                return try transaction.entryCount(of: table)
            }
            #expect(stored == 1)
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await log.write { transaction in
                    let table = try transaction.table(named: "test/settings")
                    try transaction.delete(Array("paging".utf8), in: table)
                    throw Abort()
                }
            }
            let value = try log.read { transaction in
                try transaction.existingTable(named: "test/settings").flatMap {
                    try transaction.value(in: $0, forKey: Array("paging".utf8))
                }
            }
            #expect(value == Array("on".utf8))
        }
    }
}

@Suite("Tables across restarts")
struct TableRestartTests {
    @Test("a table written in an earlier run is readable before anything writes to it again")
    func tablesSurviveRestart() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try await LMDBEventLog.withOpenLog(directory: directory.path) { log in
            _ = try await log.write { transaction in
                try transaction.put(Array("v".utf8), forKey: Array("k".utf8), in: transaction.table(named: "test/kept"))
            }
        }
        let value = try await LMDBEventLog.withOpenLog(directory: directory.path) { log in
            try log.read { transaction in
                try transaction.existingTable(named: "test/kept").flatMap { try transaction.value(in: $0, forKey: Array("k".utf8)) }
            }
        }
        #expect(value == Array("v".utf8))
    }
}
