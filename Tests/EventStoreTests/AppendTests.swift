import EventStore
import Fixtures
import Foundation
import Testing

@Suite("Appending")
struct AppendTests {
    @Test("positions start at 1 and stream versions count per stream")
    func positionsAndVersions() async throws {
        try await withTemporaryLog { log, _ in
            let first = try await log.append([event(), event()], to: "server-1")
            let second = try await log.append([event()], to: "server-2")
            let third = try await log.append([event()], to: "server-1")
            #expect(first.events.map(\.position) == [1, 2])
            #expect(first.events.map(\.streamVersion) == [1, 2])
            #expect(second.events.map(\.position) == [3])
            #expect(second.streamVersion == 1)
            #expect(third.events.map(\.position) == [4])
            #expect(third.streamVersion == 3)
            #expect(log.headPosition == 4)
            #expect(try log.version(ofStream: "server-1") == 3)
            #expect(try log.version(ofStream: "server-10") == 0)
        }
    }

    @Test("concurrent appenders get a gapless order, and every stream stays gapless")
    func concurrentAppenders() async throws {
        try await withTemporaryLog { log, _ in
            let appenders = 32
            let perAppender = 40
            try await withThrowingTaskGroup(of: Void.self) { group in
                for appender in 0..<appenders {
                    group.addTask {
                        for index in 0..<perAppender {
                            _ = try await log.append([event(payload: #"{"i":\#(index)}"#)], to: "stream-\(appender % 8)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let events = try allEvents(log)
            #expect(events.map(\.position) == Array(1...UInt64(appenders * perAppender)))
            for stream in 0..<8 {
                let versions = events.filter { $0.stream == "stream-\(stream)" }.map(\.streamVersion)
                #expect(versions == Array(1...UInt64(versions.count)))
            }
            #expect(try log.verify().isIntact)
        }
    }

    @Test("a batch is stored whole, in order, with the time the clock gave and never earlier than before")
    func batchFieldsAndTime() async throws {
        let clock = ManualWallClock(Timestamp(microsecondsSinceEpoch: 1_800_000_000_000_000))
        try await withTemporaryLog(.init(clock: clock)) { log, _ in
            let correlation = UUID()
            let proposed = ProposedEvent(
                type: "page.queued", schemaVersion: 3, organization: "org-9", actor: "worker:pager",
                correlationID: correlation, causationID: nil, payload: Data(#"{"to":"+64211234567"}"#.utf8))
            let recorded = try await log.append([proposed], to: "page-1").events[0]
            #expect(recorded.type == "page.queued")
            #expect(recorded.schemaVersion == 3)
            #expect(recorded.organization == "org-9")
            #expect(recorded.actor == "worker:pager")
            #expect(recorded.correlationID == correlation)
            #expect(recorded.causationID == nil)
            #expect(recorded.payload == proposed.payload)
            #expect(recorded.recordedAt == clock.now())
            #expect(try log.event(at: 1) == recorded)

            clock.advance(microseconds: -5_000_000)
            let later = try await log.append([event()], to: "page-1").events[0]
            #expect(later.recordedAt == recorded.recordedAt)
        }
    }

    @Test("bad batches are refused before anything is written")
    func invalidBatches() async throws {
        try await withTemporaryLog { log, _ in
            await #expect(throws: EventStoreError.self) { try await log.append([], to: "s") }
            await #expect(throws: EventStoreError.self) { try await log.append([event()], to: "") }
            await #expect(throws: EventStoreError.self) { try await log.append([event()], to: "bad\u{0}name") }
            await #expect(throws: EventStoreError.self) {
                try await log.append([event()], to: String(repeating: "s", count: 300))
            }
            await #expect(throws: EventStoreError.self) { try await log.append([event("")], to: "s") }
            #expect(log.headPosition == 0)
        }
    }

    @Test("an append after close fails cleanly")
    func appendAfterClose() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let log = try LMDBEventLog.open(directory: directory.path)
        await log.close()
        await #expect(throws: EventStoreError.closed) { try await log.append([event()], to: "s") }
        #expect(throws: EventStoreError.closed) { try log.event(at: 1) }
    }

    @Test("the log survives a restart and its chain continues")
    func restart() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        var log = try LMDBEventLog.open(directory: directory.path)
        _ = try await log.append([event(), event()], to: "s")
        let before = try allEvents(log)
        await log.close()

        log = try LMDBEventLog.open(directory: directory.path)
        #expect(log.headPosition == 2)
        #expect(try allEvents(log) == before)
        let next = try await log.append([event()], to: "s")
        #expect(next.events[0].position == 3)
        #expect(next.events[0].streamVersion == 3)
        #expect(try log.verify().isIntact)
        await log.close()
    }
}
