import EventStore
import Fixtures
import Foundation
@testable import Projections
import Testing

/// A record nested in a type of its own, so that it goes through its Codable conformance.
private struct ViaCodable<Record: Codable>: Codable {
    let record: Record
}

/// The records written field by field (notifications, Modica messages, heartbeat states, timeline entries,
/// availability records) are the same bytes their Codable conformances write, so a data directory reads the
/// same whichever wrote it.
@Suite("Records written field by field")
struct FieldRecordTests {
    @Test("every record of a generated history is the same bytes either way, and reads back either way")
    func sameBytes() async throws {
        let (notifications, messages, heartbeats) = try await Self.recordsOfGeneratedHistory()
        #expect(notifications.count > 100)
        #expect(notifications.contains { $0.attempts.contains { !$0.deliveries.isEmpty } })
        #expect(!messages.isEmpty)
        #expect(heartbeats.contains { $0.lastHeartbeatAt != nil })
        for record in notifications { try Self.expectSameBytes(record) }
        for record in messages { try Self.expectSameBytes(record) }
        for record in heartbeats { try Self.expectSameBytes(record) }
        // Availability records as a generated history creates them.
        let availabilities = generatedEvents(seed: 11).compactMap { $0 as? AvailabilityCreated }
        #expect(availabilities.count > 10)
        for (index, availability) in availabilities.enumerated() {
            try Self.expectSameBytes(AvailabilityRecord(availability: availability, createdAt: Timestamp(microsecondsSinceEpoch: Int64(index))))
        }
        // Timeline entries as the notifications' routing made them, with and without a schedule.
        for (index, record) in notifications.enumerated() {
            try Self.expectSameBytes(OnCallEntry(
                at: record.createdAt, notificationID: record.notification.notificationID,
                scheduleID: index % 2 == 0 ? nil : record.notification.organizationID, escalation: record.escalation,
                reason: record.routingReason ?? "", skipped: record.skipped))
        }

        // Fresh records, with every optional field absent.
        let created = try #require(notifications.first).notification
        let bare = NotificationCreated(
            notificationID: created.notificationID, number: 1, organizationID: created.organizationID, serverID: nil,
            kind: "page", troubleCode: "", hostname: "", displayName: "", serviceName: "", state: "", output: "", observedAt: nil)
        try Self.expectSameBytes(NotificationRecord(notification: bare, createdAt: Timestamp(microsecondsSinceEpoch: -1)))
        try Self.expectSameBytes(HeartbeatState(serverID: created.notificationID, organizationID: created.organizationID, graceSeconds: 0))
    }

    @Test("cut or damaged record bytes are a decoding error, never a crash")
    func damaged() async throws {
        let record = try #require(await Self.recordsOfGeneratedHistory().notifications.max { $0.attempts.count < $1.attempts.count })
        let bytes = try RecordCoding.encode(record)
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) { try RecordCoding.decode(NotificationRecord.self, from: Array(bytes.prefix(length))) }
        }
        for index in bytes.indices {
            var damaged = bytes
            damaged[index] ^= 0xff
            _ = try? RecordCoding.decode(NotificationRecord.self, from: damaged)
        }
    }

    /// The record's own bytes equal the ones Codable writes for it, and each path reads the other's.
    private static func expectSameBytes<Record: Codable & Equatable>(_ record: Record) throws {
        let direct = try RecordCoding.encode(record)
        let nested = try RecordCoding.encode(ViaCodable(record: record))
        // The wrapper's bytes: keyed tag, content length, the key "record" (its length, then its bytes), then the record.
        var cursor = 1
        while nested[cursor] & 0x80 != 0 { cursor += 1 }
        let throughCodable = Array(nested[(cursor + 2 + "record".utf8.count)...])
        #expect(direct == throughCodable)
        #expect(try RecordCoding.decode(Record.self, from: throughCodable) == record)
        #expect(try RecordCoding.decode(ViaCodable<Record>.self, from: nested).record == record)
    }

    private static func recordsOfGeneratedHistory() async throws -> (
        notifications: [NotificationRecord], messages: [ModicaMessage], heartbeats: [HeartbeatState]
    ) {
        let models = try ReadModels()
        return try await ScratchDirectory.use { path in
            try await LMDBEventLog.withOpenLog(directory: path, configuration: .init(hooks: [models.runner])) { log in
                try await models.runner.catchUp(log)
                var history = SyntheticHistory(seed: 11)
                for append in history.setUp(organizations: 2, usersEach: 10, serversEach: 30) {
                    _ = try await log.append(append.proposed(models.catalog), to: append.stream)
                }
                while log.headPosition < 4_000 {
                    let append = history.next()
                    _ = try await log.append(append.proposed(models.catalog), to: append.stream)
                }
                var notifications: [NotificationRecord] = []
                try models.runner.read("notifications", in: log) { reader in
                    try NotificationQueries(reader).forEachNotification { notifications.append($0); return true }
                }
                let messages = try models.runner.read("modica", in: log) { reader in
                    try notifications.flatMap(\.attempts).compactMap(\.providerMessageID).compactMap { try ModicaQueries(reader).message($0) }
                }
                let heartbeats = try models.runner.read("heartbeats", in: log) { reader in
                    try Set(notifications.compactMap(\.notification.serverID)).compactMap { server in
                        try HeartbeatQueries(reader).state(of: server, in: try #require(notifications.first { $0.notification.serverID == server }).notification.organizationID)
                    }
                }
                return (notifications, messages, heartbeats)
            }
        }
    }
}
