/// Rewrites the payload of one event type from one schema version to the next.
///
/// Upcasters chain: an event stored at version 1 of a type now at version 3 is read through the 1→2 and
/// 2→3 upcasters, in order, before it is decoded. The log itself is never rewritten.
public struct Upcaster: Sendable {
    public let eventType: String
    /// The version this upcaster reads; it produces `fromVersion + 1`.
    public let fromVersion: UInt32
    public let transform: @Sendable (JSONValue) throws -> JSONValue

    public init(eventType: String, fromVersion: UInt32, transform: @escaping @Sendable (JSONValue) throws -> JSONValue) {
        self.eventType = eventType
        self.fromVersion = fromVersion
        self.transform = transform
    }

    /// The upcaster for `Event`, from `fromVersion`.
    public init<Event: DomainEvent>(
        _ event: Event.Type, fromVersion: UInt32, transform: @escaping @Sendable (JSONValue) throws -> JSONValue
    ) {
        self.init(eventType: Event.eventType, fromVersion: fromVersion, transform: transform)
    }
}
