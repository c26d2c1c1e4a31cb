import EventStore
import Foundation
import Projections

/// An event of the log as the audit endpoints show it: exactly the envelope `pagerlog export` writes (every
/// field, the payload as JSON, the hash that chains it to the event before), so that an API client and an
/// operator's export read alike.
struct AuditEvent: Encodable, Sendable {
    let envelope: JSONValue

    init(_ event: RecordedEvent) throws {
        envelope = try JSONDecoder().decode(JSONValue.self, from: Data(EventArchive.line(for: event).utf8))
    }

    func encode(to encoder: any Encoder) throws {
        try envelope.encode(to: encoder)
    }
}

/// A cursor-paginated run of the log: `_embedded.events`, and a `next` link (and cursor) while the log goes on.
struct AuditPage: Encodable, Sendable {
    let events: HALList<AuditEvent>
    /// The position to start the next page at; absent at the end of the log.
    let next: UInt64?

    func encode(to encoder: any Encoder) throws {
        try events.encode(to: encoder)
        var container = encoder.container(keyedBy: HALKey.self)
        try container.encodeIfPresent(next, forKey: HALKey("next"))
    }
}

/// A read model as `GET /v1/projections` shows it.
struct ProjectionView: Encodable, Sendable {
    let name: String
    let version: UInt32
    let servingVersion: UInt32?
    let position: UInt64
    let state: String
    let buildingVersion: UInt32?
    let buildingPosition: UInt64?

    init(_ status: ProjectionStatus) {
        name = status.name
        version = status.version
        servingVersion = status.servingVersion
        position = status.position
        switch status.state {
        case .serving:
            state = "serving"
            buildingVersion = nil
            buildingPosition = nil
        case let .rebuilding(version, position):
            state = "rebuilding"
            buildingVersion = version
            buildingPosition = position
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, version, position, state
        case servingVersion = "serving_version"
        case buildingVersion = "building_version"
        case buildingPosition = "building_position"
    }
}
