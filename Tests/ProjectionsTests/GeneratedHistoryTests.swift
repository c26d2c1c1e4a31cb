import EventStore
import Fixtures
import Foundation
import Projections
import Testing

@Suite("Every read model over a generated history")
struct GeneratedHistoryTests {
    private typealias Tables = [String: [String: [[UInt8]: [UInt8]]]]

    private static func dumpAll(_ models: ReadModels, _ log: LMDBEventLog) throws -> Tables {
        try Dictionary(uniqueKeysWithValues: models.runner.names.map { ($0, try dumpTables(models.runner, $0, log)) })
    }

    @Test(
        """
        a rebuild equals the inline tables, in one chunk or in many with appends meanwhile; an as-of replay \
        equals the tables as they were then, and so do read models built from nothing on an imported log
        """)
    func rebuildAndReplay() async throws {
        let directory = ScratchDirectory().path, replica = ScratchDirectory().path, imported = ScratchDirectory().path
        defer { [directory, replica, imported].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let models = try ReadModels()
        var history = SyntheticHistory(seed: 42)
        var middle: (position: UInt64, tables: Tables)?

        let inline = try await LMDBEventLog.withOpenLog(directory: directory, configuration: .init(hooks: [models.runner])) { log in
            try await models.runner.catchUp(log)
            for append in history.setUp(organizations: 2, usersEach: 15, serversEach: 40) {
                _ = try await log.append(append.proposed(models.catalog), to: append.stream)
            }
            while log.headPosition < 10_000 {
                let append = history.next()
                _ = try await log.append(append.proposed(models.catalog), to: append.stream)
                if middle == nil, log.headPosition >= 5_000 {
                    middle = (log.headPosition, try Self.dumpAll(models, log))
                }
            }
            let inline = try Self.dumpAll(models, log)
            try await models.runner.rebuild(models.runner.names, in: log)
            #expect(try Self.dumpAll(models, log) == inline)

            // In chunks of 700 events, each decoded ahead while the one before it is folded, with events
            // appended meanwhile: the same tables as a rebuild in one chunk once both are done.
            let smallChunks = try ReadModels(chunkSize: 700)
            let rebuild = Task { try await smallChunks.runner.rebuild(smallChunks.runner.names, in: log) }
            for _ in 0..<300 {
                let append = history.next()
                _ = try await log.append(append.proposed(models.catalog), to: append.stream)
            }
            try await rebuild.value
            let rebuiltInChunks = try Self.dumpAll(models, log)
            try await models.runner.rebuild(models.runner.names, in: log)
            #expect(try Self.dumpAll(models, log) == rebuiltInChunks)
            return (tables: inline, events: try log.events(from: 1, limit: .max))
        }
        #expect(inline.tables.values.allSatisfy { !$0.isEmpty })
        #expect(inline.tables["notifications"]?["notifications"]?.isEmpty == false)

        let snapshot = try #require(middle)
        let upTo = inline.events.prefix { $0.position <= snapshot.position }
        let replayModels = try ReadModels()
        try await LMDBEventLog.withOpenLog(directory: replica, configuration: .init(hooks: [replayModels.runner])) { log in
            try await replayModels.runner.catchUp(log)
            for chunk in stride(from: 0, to: upTo.count, by: 2_000) {
                try await log.importEvents(upTo[chunk..<min(chunk + 2_000, upTo.count)].map { (Int($0.position), $0) })
            }
            #expect(try Self.dumpAll(replayModels, log) == snapshot.tables)
        }

        // Imported without read models, then built from nothing in chunks: every table is new to the first
        // chunk's transaction, and the chunks after it are shared out between the writer and a snapshot.
        try await LMDBEventLog.withOpenLog(directory: imported, configuration: .init()) { log in
            try await log.importEvents(upTo.map { (Int($0.position), $0) })
        }
        let builtModels = try ReadModels(chunkSize: 700)
        try await LMDBEventLog.withOpenLog(directory: imported, configuration: .init(hooks: [builtModels.runner])) { log in
            try await builtModels.runner.catchUp(log)
            #expect(try Self.dumpAll(builtModels, log) == snapshot.tables)
        }
    }
}
