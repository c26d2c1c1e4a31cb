public import Foundation

/// Who and what a command's events belong to, beside their payloads: the envelope fields a command handler
/// chooses once for all the events it appends. (Each event's id is its own: see `EventCatalog.proposed`.)
public struct EventMetadata: Sendable, Equatable {
    public var organization: String?
    public var actor: String
    public var correlationID: UUID?
    public var causationID: UUID?

    public init(organization: String?, actor: String, correlationID: UUID? = nil, causationID: UUID? = nil) {
        self.organization = organization
        self.actor = actor
        self.correlationID = correlationID
        self.causationID = causationID
    }
}
