import EventStore
import Fixtures
import Foundation
import Projections
import Testing

@Suite("Schedules and who is on call")
struct ScheduleTests {
    private static func record(_ event: some DomainEvent, _ catalog: EventCatalog, _ log: LMDBEventLog) async throws {
        _ = try await log.append([catalog.proposed(event, EventMetadata(organization: nil, actor: "admin:test"))], to: "test")
    }

    @Test("definitions, updates and overrides, combined with availability into an on-call decision")
    func onCall() async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let catalog = try EventCatalog(ScheduleProjection.events + AvailabilityProjection.events)
        let runner = try ProjectionRunner([ScheduleProjection(catalog: catalog), AvailabilityProjection(catalog: catalog)])
        let acme = try makeID("org", 1), globex = try makeID("org", 2)
        let ana = try makeID("orguser", 3), ben = try makeID("orguser", 4), cai = try makeID("orguser", 5)
        let schedule = try makeID("sched", 6), cover = try makeID("ovr", 7), away = try makeID("avail", 8)
        let monday = try #require(Timestamp(iso8601: "2026-11-23T09:00:00Z"))
        func day(_ count: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: monday.microsecondsSinceEpoch + count * 86_400_000_000) }
        let daily = ScheduleDefinition(
            name: "Primary", members: [ana, ben, cai], firstHandoff: monday, shiftDays: 1, shiftHours: nil, timeZone: "UTC",
            escalationTimeoutSeconds: 300)

        try await LMDBEventLog.withOpenLog(directory: directory, configuration: .init(hooks: [runner])) { log in
            try await runner.catchUp(log)
            func decide(at instant: Timestamp, in organization: TypeID = acme) throws -> OnCallDecision? {
                try runner.read(["schedules", "availability"], in: log) { readers in
                    try ScheduleQueries(readers[0]).onCall(schedule, in: organization, at: instant, availability: AvailabilityQueries(readers[1]))
                }
            }
            try await Self.record(ScheduleDefined(scheduleID: schedule, organizationID: acme, definition: daily), catalog, log)
            #expect(try decide(at: day(1))?.onCall == ben.description)
            #expect(try decide(at: day(1), in: globex) == nil)

            try await Self.record(AvailabilityCreated(
                availabilityID: away, organizationID: acme, userID: ben, kind: .hardUnavailable, name: "Leave",
                start: day(1), end: day(2)), catalog, log)
            let skipped = try #require(try decide(at: day(1)))
            #expect(skipped.onCall == cai.description)
            #expect(skipped.skipped.map(\.userID) == [ben.description])

            try await Self.record(OverrideAdded(
                overrideID: cover, scheduleID: schedule, organizationID: acme, userID: ana, start: day(1), end: day(2)), catalog, log)
            #expect(try decide(at: day(1))?.reason == .override)
            #expect(try decide(at: day(1))?.onCall == ana.description)
            try await Self.record(OverrideRemoved(overrideID: cover, scheduleID: schedule, organizationID: acme), catalog, log)
            #expect(try decide(at: day(1))?.onCall == cai.description)

            let weekly = ScheduleDefinition(
                name: "Primary", members: [cai, ana], firstHandoff: monday, shiftDays: 7, shiftHours: nil,
                timeZone: "Pacific/Auckland", escalationTimeoutSeconds: 600)
            try await Self.record(ScheduleDefined(scheduleID: schedule, organizationID: acme, definition: weekly), catalog, log)
            #expect(try decide(at: day(1))?.onCall == cai.description)
            #expect(try decide(at: day(8))?.onCall == ana.description)
            #expect(try runner.read("schedules", in: log) { try ScheduleQueries($0).schedules(in: acme).map(\.definition) } == [weekly])

            let broken = ScheduleDefinition(
                name: "Broken", members: [ana], firstHandoff: monday, shiftDays: 1, shiftHours: nil, timeZone: "Mars/Olympus",
                escalationTimeoutSeconds: 60)
            try await Self.record(ScheduleDefined(scheduleID: schedule, organizationID: acme, definition: broken), catalog, log)
            #expect(throws: ProjectionError.unknownTimeZone("Mars/Olympus")) { try decide(at: day(1)) }

            let inline = try dumpTables(runner, "schedules", log)
            try await runner.rebuild("schedules", in: log)
            #expect(try dumpTables(runner, "schedules", log) == inline)
        }
    }
}
