import EventStore
import Fixtures
import Foundation
import Projections
import Testing

/// Version 2 of a test event whose version 1 had `name` and no `renamed_by`.
private struct ServerRenamed: DomainEvent {
    static let eventType = "test.server-renamed"
    static let schemaVersion: UInt32 = 2
    let serverID: Int64
    let newName: String
    let renamedBy: String

    enum CodingKeys: String, CodingKey {
        case serverID = "server_id"
        case newName = "new_name"
        case renamedBy = "renamed_by"
    }
}

private struct HeartbeatSeen: DomainEvent {
    static let eventType = "test.heartbeat-seen"
    static let schemaVersion: UInt32 = 1
    let serverID: Int64

    enum CodingKeys: String, CodingKey {
        case serverID = "server_id"
    }
}

/// 1 → 2: `name` became `new_name`, and who renamed it is recorded (unknown for old events).
private let renamedV1ToV2 = Upcaster(ServerRenamed.self, fromVersion: 1) { old in
    guard case .object(var members) = old else { return old }
    members["new_name"] = members.removeValue(forKey: "name")
    members["renamed_by"] = .string("unknown")
    return .object(members)
}

@Suite("Domain events through the log")
struct EventCatalogTests {
    private let catalog: EventCatalog
    private let metadata = EventMetadata(organization: "org-1", actor: "admin:1")

    init() throws {
        catalog = try EventCatalog([ServerRenamed.self, HeartbeatSeen.self], upcasters: [renamedV1ToV2])
    }

    /// Appends `events` to a fresh log and returns them as recorded.
    private func record(_ events: [ProposedEvent]) async throws -> [RecordedEvent] {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await LMDBEventLog.withOpenLog(directory: directory) { log in
            try await log.append(events, to: "server-7").events
        }
    }

    @Test("a typed event goes into the log as snake_case JSON and comes back equal")
    func roundTrip() async throws {
        let event = ServerRenamed(serverID: 7, newName: "db-7", renamedBy: "admin:1")
        let recorded = try await record([try catalog.proposed(event, metadata)])[0]
        #expect(recorded.type == "test.server-renamed")
        #expect(recorded.schemaVersion == 2)
        #expect(recorded.actor == "admin:1")
        #expect(String(decoding: recorded.payload, as: UTF8.self) == #"{"new_name":"db-7","renamed_by":"admin:1","server_id":7}"#)
        #expect(try catalog.decode(recorded, as: ServerRenamed.self) == event)
        #expect(try catalog.decode(recorded) as? ServerRenamed == event)
        // As read back from the log: decoded from the stored bytes, not handed over in memory.
        let readBack = recorded.withPayload(String(decoding: recorded.payload, as: UTF8.self))
        #expect(readBack.decodedPayload == nil)
        #expect(readBack == recorded)
        #expect(try catalog.decode(readBack, as: ServerRenamed.self) == event)
    }

    @Test("an event stored at an older schema version is read through its upcasters")
    func upcasting() async throws {
        let stored = ProposedEvent(
            type: ServerRenamed.eventType, schemaVersion: 1, organization: "org-1", actor: "admin:1",
            payload: Data(#"{"server_id":9007199254740993,"name":"legacy"}"#.utf8))
        let recorded = try await record([stored])[0]
        let event = try catalog.decode(recorded, as: ServerRenamed.self)
        #expect(event == ServerRenamed(serverID: 9_007_199_254_740_993, newName: "legacy", renamedBy: "unknown"))
    }

    @Test("unknown types, newer schemas, missing upcasters and broken payloads are typed errors")
    func failures() async throws {
        let recorded = try await record([
            ProposedEvent(type: "test.never-heard-of", actor: "a", payload: Data("{}".utf8)),
            ProposedEvent(type: HeartbeatSeen.eventType, schemaVersion: 2, actor: "a", payload: Data("{}".utf8)),
            ProposedEvent(type: ServerRenamed.eventType, schemaVersion: 0, actor: "a", payload: Data("{}".utf8)),
            ProposedEvent(type: HeartbeatSeen.eventType, actor: "a", payload: Data(#"{"server_id":"seven"}"#.utf8)),
        ])
        #expect(throws: EventDecodingError.unknownType("test.never-heard-of")) { try catalog.decode(recorded[0]) }
        #expect(throws: EventDecodingError.newerSchema(type: HeartbeatSeen.eventType, stored: 2, known: 1)) {
            try catalog.decode(recorded[1])
        }
        #expect(throws: EventDecodingError.missingUpcaster(type: ServerRenamed.eventType, fromVersion: 0)) {
            try catalog.decode(recorded[2])
        }
        #expect {
            try catalog.decode(recorded[3])
        } throws: { error in
            guard case EventDecodingError.malformedPayload(_, position: 4, _) = error else { return false }
            return true
        }
        #expect(throws: EventDecodingError.typeMismatch(expected: ServerRenamed.eventType, found: HeartbeatSeen.eventType)) {
            try catalog.decode(
                recorded[3].withPayload(#"{"server_id":7}"#), as: ServerRenamed.self)
        }
    }

    @Test("a catalog with two types of one name, or two upcasters for one step, is refused")
    func invalidCatalogs() {
        #expect(throws: EventCatalog.CatalogError.duplicateType(HeartbeatSeen.eventType)) {
            try EventCatalog([HeartbeatSeen.self, HeartbeatSeen.self])
        }
        #expect(throws: EventCatalog.CatalogError.duplicateUpcaster(type: ServerRenamed.eventType, fromVersion: 1)) {
            try EventCatalog([ServerRenamed.self], upcasters: [renamedV1ToV2, renamedV1ToV2])
        }
    }
}

extension RecordedEvent {
    /// The same envelope with another payload, for decoding tests that need no log.
    fileprivate func withPayload(_ json: String) -> RecordedEvent {
        RecordedEvent(
            position: position, stream: stream, streamVersion: streamVersion, previousInStream: previousInStream,
            id: id, type: type, schemaVersion: schemaVersion, recordedAt: recordedAt, organization: organization,
            actor: actor, correlationID: correlationID, causationID: causationID, payload: Data(json.utf8), hash: hash)
    }
}
