/// A fact of the paging domain: one `Codable` type per event type, stored as the payload of a log event.
///
/// `eventType` names it in the log (`notification.created`); `schemaVersion` is the version of its payload's
/// shape. Changing the shape means bumping the version and registering an `Upcaster` from the old one, so
/// that events written years ago still read as today's type. Spell the stored keys with explicit
/// `CodingKeys` (snake_case), so that renaming a Swift property never changes what the log holds.
public protocol DomainEvent: Codable, Sendable, Equatable {
    static var eventType: String { get }
    static var schemaVersion: UInt32 { get }
}
