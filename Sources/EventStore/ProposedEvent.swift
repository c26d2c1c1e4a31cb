public import Foundation

/// An event as a caller hands it to the log: everything but what the log assigns (position, stream
/// version, recorded-at and hash).
///
/// The payload is JSON bytes the caller produced; the log stores them exactly and never parses them.
public struct ProposedEvent: Sendable, Equatable {
    /// Unique per event; supply your own to make a retried append idempotent.
    public var id: UUID
    /// What happened, as a dotted name (`notification.created`).
    public var type: String
    /// The version of `type`'s payload schema, for upcasting older events.
    public var schemaVersion: UInt32
    /// The tenant the event belongs to; `nil` for events of the installation itself.
    public var organization: String?
    /// Who caused it: a server key, a user key, an admin client or an internal worker.
    public var actor: String
    /// The request or workflow the event is part of.
    public var correlationID: UUID?
    /// The event or command that directly caused this one.
    public var causationID: UUID?
    /// JSON, UTF-8.
    public var payload: Data
    /// The value `payload` encodes, when the caller has it: handed to the log hooks of the same append so
    /// that they need not decode what was just encoded. Never stored, and not part of equality.
    public var decodedPayload: (any Sendable)?

    public init(
        id: UUID = .timeOrdered(),
        type: String,
        schemaVersion: UInt32 = 1,
        organization: String? = nil,
        actor: String,
        correlationID: UUID? = nil,
        causationID: UUID? = nil,
        payload: Data,
        decodedPayload: (any Sendable)? = nil
    ) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.organization = organization
        self.actor = actor
        self.correlationID = correlationID
        self.causationID = causationID
        self.payload = payload
        self.decodedPayload = decodedPayload
    }

    public static func == (lhs: ProposedEvent, rhs: ProposedEvent) -> Bool {
        lhs.id == rhs.id && lhs.type == rhs.type && lhs.schemaVersion == rhs.schemaVersion
            && lhs.organization == rhs.organization && lhs.actor == rhs.actor && lhs.correlationID == rhs.correlationID
            && lhs.causationID == rhs.causationID && lhs.payload == rhs.payload
    }
}
