public import Foundation

/// An event as the log holds it: the envelope of DESIGN.md, immutable once written.
public struct RecordedEvent: Sendable, Equatable {
    /// Global position in the log: gapless, starting at 1.
    public let position: UInt64
    /// The stream it belongs to (`notification-42`, `org-7`, …).
    public let stream: String
    /// Its version within `stream`: gapless, starting at 1.
    public let streamVersion: UInt64
    /// The position of the event before it in `stream`; `nil` for a stream's first event. The log
    /// links each stream's events through it, and the hash chain covers the links.
    public let previousInStream: UInt64?
    public let id: UUID
    public let type: String
    public let schemaVersion: UInt32
    /// When the log recorded it; never earlier than the event before it.
    public let recordedAt: Timestamp
    public let organization: String?
    public let actor: String
    public let correlationID: UUID?
    public let causationID: UUID?
    /// JSON, UTF-8, exactly as appended.
    public let payload: Data
    /// The hash-chain link ending at this event.
    public let hash: EventHash
    /// The decoded payload, when whoever holds the event has it already: the proposer's, for the log hooks of
    /// the append that recorded it (see `ProposedEvent.decodedPayload`), or a reader's that decoded it once
    /// for several consumers, who sets it here. `nil` for events as read back from the log. A cache of the
    /// payload rather than part of the envelope: not part of equality, nor of the hash.
    public var decodedPayload: (any Sendable)?

    public init(
        position: UInt64,
        stream: String,
        streamVersion: UInt64,
        previousInStream: UInt64?,
        id: UUID,
        type: String,
        schemaVersion: UInt32,
        recordedAt: Timestamp,
        organization: String?,
        actor: String,
        correlationID: UUID?,
        causationID: UUID?,
        payload: Data,
        hash: EventHash,
        decodedPayload: (any Sendable)? = nil
    ) {
        self.position = position
        self.stream = stream
        self.streamVersion = streamVersion
        self.previousInStream = previousInStream
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.recordedAt = recordedAt
        self.organization = organization
        self.actor = actor
        self.correlationID = correlationID
        self.causationID = causationID
        self.payload = payload
        self.hash = hash
        self.decodedPayload = decodedPayload
    }

    public static func == (lhs: RecordedEvent, rhs: RecordedEvent) -> Bool {
        lhs.position == rhs.position && lhs.stream == rhs.stream && lhs.streamVersion == rhs.streamVersion
            && lhs.previousInStream == rhs.previousInStream && lhs.id == rhs.id && lhs.type == rhs.type
            && lhs.schemaVersion == rhs.schemaVersion && lhs.recordedAt == rhs.recordedAt
            && lhs.organization == rhs.organization && lhs.actor == rhs.actor && lhs.correlationID == rhs.correlationID
            && lhs.causationID == rhs.causationID && lhs.payload == rhs.payload && lhs.hash == rhs.hash
    }
}
