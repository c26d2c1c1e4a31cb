public import EventStore
public import Foundation

/// Who and what an event belongs to, beside its payload: the envelope fields a command handler chooses.
public struct EventMetadata: Sendable, Equatable {
    /// Supply the id of a retried command's event to make the append idempotent.
    public var id: UUID
    public var organization: String?
    public var actor: String
    public var correlationID: UUID?
    public var causationID: UUID?

    public init(
        id: UUID = .timeOrdered(), organization: String?, actor: String, correlationID: UUID? = nil,
        causationID: UUID? = nil
    ) {
        self.id = id
        self.organization = organization
        self.actor = actor
        self.correlationID = correlationID
        self.causationID = causationID
    }
}
