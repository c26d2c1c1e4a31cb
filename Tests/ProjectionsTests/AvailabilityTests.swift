import EventStore
import Fixtures
import Foundation
import Projections
import Testing

@Suite("Availability")
struct AvailabilityTests {
    private let catalog: EventCatalog

    init() throws {
        catalog = try EventCatalog(AvailabilityProjection.events)
    }

    private func time(_ text: String) throws -> Timestamp {
        try #require(Timestamp(iso8601: text))
    }


    @Test("records by person and time range, availability at an instant, deletion, other organizations, rebuild")
    func records() async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let runner = try ProjectionRunner([AvailabilityProjection(catalog: catalog)])
        let acme = try makeID("org", 1), globex = try makeID("org", 2)
        let neva = try makeID("orguser", 3), gregg = try makeID("orguser", 4)
        let leave = try makeID("avail", 5), standby = try makeID("avail", 6), old = try makeID("avail", 7), elsewhere = try makeID("avail", 8)
        let records: [AvailabilityCreated] = [
            .init(availabilityID: leave, organizationID: acme, userID: neva, kind: .hardUnavailable, name: "Leave",
                  start: try time("2024-11-06T00:00:00Z"), end: try time("2024-11-08T00:00:00Z")),
            .init(availabilityID: standby, organizationID: acme, userID: neva, kind: .requestedPager, name: "Swap",
                  start: try time("2024-11-09T00:00:00Z"), end: try time("2024-11-10T00:00:00Z")),
            .init(availabilityID: old, organizationID: acme, userID: gregg, kind: .softUnavailable, name: "1960s",
                  start: try time("1969-12-31T00:00:00Z"), end: try time("2024-11-07T00:00:00Z")),
            .init(availabilityID: elsewhere, organizationID: globex, userID: neva, kind: .hardUnavailable, name: "Other org",
                  start: try time("2024-11-01T00:00:00Z"), end: try time("2024-12-01T00:00:00Z")),
        ]
        try await LMDBEventLog.withOpenLog(directory: directory, configuration: .init(hooks: [runner])) { log in
            try await runner.catchUp(log)
            for record in records {
                _ = try await log.append(
                    [catalog.proposed(record, EventMetadata(organization: record.organizationID.description, actor: "user:neva"))],
                    to: "availability-\(record.availabilityID)")
            }
            try runner.read("availability", in: log) { reader throws in
                let queries = AvailabilityQueries(reader)
                let november = try queries.records(of: neva, in: acme, overlapping: try time("2024-11-01T00:00:00Z"), try time("2024-12-01T00:00:00Z"))
                #expect(november.map(\.availability.availabilityID) == [leave, standby])
                #expect(try queries.records(of: neva, in: acme, overlapping: try time("2024-11-08T00:00:00Z"), try time("2024-11-09T00:00:00Z")).isEmpty)
                #expect(try queries.isAvailable(neva, in: acme, at: try time("2024-11-07T12:00:00Z")) == false)
                #expect(try queries.isAvailable(neva, in: acme, at: try time("2024-11-08T00:00:00Z")))
                #expect(try queries.isAvailable(neva, in: globex, at: try time("2024-11-20T00:00:00Z")) == false)
                let windows = try queries.windows(of: [neva, gregg], in: acme, at: try time("2024-11-06T12:00:00Z"))
                #expect(windows.map(\.kind) == [.hardUnavailable, .softUnavailable])
                #expect(try queries.record(elsewhere, in: acme) == nil)
                #expect(try queries.record(leave, in: acme)?.createdAt != nil)
            }
            _ = try await log.append(
                [catalog.proposed(AvailabilityDeleted(availabilityID: leave, organizationID: acme), EventMetadata(organization: nil, actor: "user:neva"))],
                to: "availability-\(leave)")
            try runner.read("availability", in: log) { reader throws in
                let queries = AvailabilityQueries(reader)
                #expect(try queries.record(leave, in: acme) == nil)
                #expect(try queries.isAvailable(neva, in: acme, at: try time("2024-11-07T12:00:00Z")))
            }
            let inline = try dumpTables(runner, "availability", log)
            try await runner.rebuild("availability", in: log)
            #expect(try dumpTables(runner, "availability", log) == inline)
        }
    }
}
