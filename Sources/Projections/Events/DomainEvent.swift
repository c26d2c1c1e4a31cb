public import Foundation

/// A fact of the paging domain: one `Codable` type per event type, stored as the payload of a log event.
///
/// `eventType` names it in the log (`notification.created`); `schemaVersion` is the version of its payload's
/// shape. Changing the shape means bumping the version and registering an `Upcaster` from the old one, so
/// that events written years ago still read as today's type. Spell the stored keys with explicit
/// `CodingKeys` (snake_case), so that renaming a Swift property never changes what the log holds.
public protocol DomainEvent: Codable, Sendable, Equatable {
    static var eventType: String { get }
    static var schemaVersion: UInt32 { get }

    /// Decodes a stored payload of this type. Leave it to the default: it is a requirement, not just an
    /// extension's function, so that each type's witness is compiled for that type. The catalog holds
    /// event types as existentials, and a generic function called through one runs unspecialized, looking
    /// up generic metadata at run time for every event it decodes.
    static func decode(payload: Data) throws -> Self
}

extension DomainEvent {
    public static func decode(payload: Data) throws -> Self {
        try PayloadDecoding.decode(Self.self, from: payload)
    }
}
