import EventStore
import Fixtures
import Foundation
import Projections
import Testing

@Suite("Heartbeats")
struct HeartbeatTests {
    /// A fresh log with the heartbeat projection inline, its clock stopped at a fixed instant.
    private static func withHeartbeatLog(
        _ body: (LMDBEventLog, EventCatalog, ProjectionRunner, ManualWallClock) async throws -> Void
    ) async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let catalog = try EventCatalog(HeartbeatProjection.events)
        let runner = try ProjectionRunner([HeartbeatProjection(catalog: catalog)])
        let clock = ManualWallClock(Timestamp(microsecondsSinceEpoch: 1_800_000_000_000_000))
        try await LMDBEventLog.withOpenLog(directory: directory, configuration: .init(clock: clock, hooks: [runner])) { log in
            try await body(log, catalog, runner, clock)
        }
    }

    private static func append(
        _ event: some DomainEvent, _ catalog: EventCatalog, _ metadata: EventMetadata, _ log: LMDBEventLog
    ) async throws -> RecordedEvent {
        try await log.append([catalog.proposed(event, metadata)], to: "test").events[0]
    }

    @Test("state per server, deadlines for the missed-heartbeat worker, missing and recovering, rebuild")
    func lifecycle() async throws {
        let acme = try makeID("org", 1), globex = try makeID("org", 2)
        let db = try makeID("server", 3), web = try makeID("server", 4), idle = try makeID("server", 5)
        let metadata = EventMetadata(organization: nil, actor: "test")

        try await Self.withHeartbeatLog { log, catalog, runner, clock in
            let start = clock.now()
            func seconds(_ count: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + count * 1_000_000) }
            try await runner.catchUp(log)
            let record = { (event: any DomainEvent) in try await Self.append(event, catalog, metadata, log) }
            for (server, grace) in [(db, Int64(60)), (web, 300), (idle, 60)] {
                _ = try await record(ServerCreated(
                    serverID: server, number: 1, organizationID: acme, name: "s", hostname: "h", heartbeatGraceSeconds: grace))
            }
            _ = try await record(HeartbeatReceived(serverID: db, organizationID: acme))
            let webBeat = try await record(HeartbeatReceived(serverID: web, organizationID: acme))

            try runner.read("heartbeats", in: log) { reader throws in
                let queries = HeartbeatQueries(reader)
                #expect(try queries.state(of: idle, in: acme)?.state == .never)
                #expect(try queries.state(of: web, in: acme)?.lastHeartbeatID == webBeat.position)
                #expect(try queries.state(of: web, in: acme)?.lastHeartbeatAt == start)
                #expect(try queries.state(of: web, in: globex) == nil)
                #expect(try queries.state(of: idle, in: acme)?.state == .never)
                #expect(try queries.state(of: web, in: acme)?.state == .ok)
                #expect(try queries.state(of: web, in: globex)?.state == nil)
                #expect(try queries.overdue(at: seconds(59)).isEmpty)
                #expect(try queries.overdue(at: seconds(60)).map(\.serverID) == [db])
                #expect(try queries.overdue(at: seconds(400)).map(\.serverID) == [db, web])
            }

            clock.set(seconds(61))
            _ = try await record(HeartbeatMissed(serverID: db, organizationID: acme, lastHeartbeatAt: start, deadline: seconds(60)))
            try runner.read("heartbeats", in: log) { reader throws in
                let queries = HeartbeatQueries(reader)
                #expect(try queries.state(of: db, in: acme)?.state == .missed)
                #expect(try queries.state(of: db, in: acme)?.state == .missed)
                #expect(try queries.overdue(at: seconds(400)).map(\.serverID) == [web])
            }

            clock.set(seconds(100))
            _ = try await record(HeartbeatReceived(serverID: db, organizationID: acme))
            _ = try await record(HeartbeatRecovered(serverID: db, organizationID: acme))
            try runner.read("heartbeats", in: log) { reader throws in
                let queries = HeartbeatQueries(reader)
                let state = try #require(try queries.state(of: db, in: acme))
                #expect(state.state == .ok)
                #expect(state.count == 2)
                #expect(state.deadline == seconds(160))
                #expect(try queries.overdue(at: seconds(300)).map(\.serverID) == [db, web])
            }

            let inline = try dumpTables(runner, "heartbeats", log)
            try await runner.rebuild("heartbeats", in: log)
            #expect(try dumpTables(runner, "heartbeats", log) == inline)
        }
    }

    @Test("a batch that moves a deadline many times, away and back to the stored one, leaves only the last")
    func deadlineMovedWithinABatch() async throws {
        let acme = try makeID("org", 1), db = try makeID("server", 3)
        let metadata = EventMetadata(organization: nil, actor: "test")

        try await Self.withHeartbeatLog { log, catalog, runner, clock in
            let start = clock.now()
            func seconds(_ count: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + count * 1_000_000) }
            // One append is one batch of the fold, its events all recorded at the clock's time.
            let batch = { (events: [any DomainEvent]) in
                _ = try await log.append(try events.map { try catalog.proposed($0, metadata) }, to: "test")
            }
            let beat = HeartbeatReceived(serverID: db, organizationID: acme)
            func expectOverdue(_ overdue: [(Int64, [TypeID])], sourceLocation: SourceLocation = #_sourceLocation) throws {
                try runner.read("heartbeats", in: log) { reader throws in
                    for (second, servers) in overdue {
                        #expect(try HeartbeatQueries(reader).overdue(at: seconds(second)).map(\.serverID) == servers, sourceLocation: sourceLocation)
                    }
                }
            }
            try await runner.catchUp(log)
            try await batch([
                ServerCreated(serverID: db, number: 1, organizationID: acme, name: "s", hostname: "h", heartbeatGraceSeconds: 60),
                beat,
            ])
            // The stored deadline, again and again: nothing to move.
            try await batch([beat, beat, beat])
            try expectOverdue([(59, []), (60, [db]), (1_000, [db])])

            clock.set(seconds(61))
            try await batch([
                HeartbeatMissed(serverID: db, organizationID: acme, lastHeartbeatAt: start, deadline: seconds(60)),
                HeartbeatRecovered(serverID: db, organizationID: acme), beat, beat,
            ])
            try expectOverdue([(120, []), (121, [db]), (1_000, [db])])

            clock.set(seconds(200))
            try await batch([HeartbeatMissed(serverID: db, organizationID: acme, lastHeartbeatAt: seconds(61), deadline: seconds(121))])
            try expectOverdue([(1_000, [])])

            let inline = try dumpTables(runner, "heartbeats", log)
            try await runner.rebuild("heartbeats", in: log)
            #expect(try dumpTables(runner, "heartbeats", log) == inline)
        }
    }
}
