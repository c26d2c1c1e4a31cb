public import EventStore
public import Foundation

/// Every domain event type the code knows, with the upcasters that bring older payloads up to date:
/// the one place where typed events become log events and back.
///
/// Payloads are JSON with sorted keys, so that the same event always has the same bytes.
public struct EventCatalog: Sendable {
    /// A class, so that looking one up for every event retains one object, not each of its closures.
    fileprivate final class Entry: Sendable {
        let schemaVersion: UInt32
        let decode: @Sendable (Data) throws -> any DomainEvent
        /// The same, boxed as a recorded event's `decodedPayload` holds it.
        let decodePayload: @Sendable (Data) throws -> any Sendable

        init(
            schemaVersion: UInt32, decode: @escaping @Sendable (Data) throws -> any DomainEvent,
            decodePayload: @escaping @Sendable (Data) throws -> any Sendable
        ) {
            self.schemaVersion = schemaVersion
            self.decode = decode
            self.decodePayload = decodePayload
        }
    }

    private let entries: [String: Entry]
    /// Keyed by event type, then by the version each upcaster reads.
    private let upcasters: [String: [UInt32: Upcaster]]

    /// Fails if two types share a name, or two upcasters the same step.
    public init(_ types: [any DomainEvent.Type], upcasters: [Upcaster] = []) throws {
        var entries: [String: Entry] = [:]
        for type in types {
            guard entries[type.eventType] == nil else { throw CatalogError.duplicateType(type.eventType) }
            entries[type.eventType] = Entry(
                schemaVersion: type.schemaVersion, decode: type.decode(payload:), decodePayload: { try type.decode(payload: $0) })
        }
        var steps: [String: [UInt32: Upcaster]] = [:]
        for upcaster in upcasters {
            guard steps[upcaster.eventType, default: [:]][upcaster.fromVersion] == nil else {
                throw CatalogError.duplicateUpcaster(type: upcaster.eventType, fromVersion: upcaster.fromVersion)
            }
            steps[upcaster.eventType, default: [:]][upcaster.fromVersion] = upcaster
        }
        self.entries = entries
        self.upcasters = steps
    }

    /// What the catalog refuses to be built from.
    public enum CatalogError: Error, Equatable {
        case duplicateType(String)
        case duplicateUpcaster(type: String, fromVersion: UInt32)
    }

    /// `event` as a log event, ready to append. Pass the `id` of a retried command's event to make the
    /// append idempotent; by default every event gets a new one.
    public func proposed<Event: DomainEvent>(
        _ event: Event, _ metadata: EventMetadata, id: UUID = .timeOrdered()
    ) throws -> ProposedEvent {
        ProposedEvent(
            id: id, type: Event.eventType, schemaVersion: Event.schemaVersion,
            organization: metadata.organization, actor: metadata.actor, correlationID: metadata.correlationID,
            causationID: metadata.causationID, payload: try CanonicalJSON.data(event), decodedPayload: event)
    }

    /// Whether events of `type` are ones this catalog decodes.
    public func knows(_ type: String) -> Bool {
        entries[type] != nil
    }

    /// The domain event a recorded event holds, upcast to the current schema.
    public func decode(_ recorded: RecordedEvent) throws -> any DomainEvent {
        let entry = try self.entry(for: recorded)
        if let value = Self.alreadyDecoded(recorded, entry) { return value }
        return try decode(recorded, entry, with: entry.decode)
    }

    /// What `decode` gives, as a recorded event's `decodedPayload`: for the readers that decode events once
    /// for several folds. Made as `any Sendable` in the first place, since turning an `any DomainEvent`
    /// into one boxes the event a second time.
    public func decodedPayload(_ recorded: RecordedEvent) throws -> any Sendable {
        let entry = try self.entry(for: recorded)
        if let payload = recorded.decodedPayload, Self.alreadyDecoded(recorded, entry) != nil { return payload }
        return try decode(recorded, entry, with: entry.decodePayload)
    }

    /// How the events of one type are decoded, looked up once for a run of events of it: finding the
    /// type among the catalog's by name, for every event, was a tenth of a rebuild's decoding.
    public struct PayloadDecoder: Sendable {
        fileprivate let entry: Entry
    }

    /// The decoder of `type`'s events; `nil` for a type the catalog does not know.
    public func payloadDecoder(for type: String) -> PayloadDecoder? {
        entries[type].map(PayloadDecoder.init)
    }

    /// `decodedPayload(_:)` of an event read from the log (it holds no decoded payload yet), with the decoder
    /// of its type.
    public func decodedPayload(_ recorded: RecordedEvent, using decoder: PayloadDecoder) throws -> any Sendable {
        try Self.check(recorded, against: decoder.entry)
        return try decode(recorded, decoder.entry, with: decoder.entry.decodePayload)
    }

    /// The entry of the recorded event's type, which must be known at its schema version or a later one.
    private func entry(for recorded: RecordedEvent) throws -> Entry {
        guard let entry = entries[recorded.type] else { throw EventDecodingError.unknownType(recorded.type) }
        try Self.check(recorded, against: entry)
        return entry
    }

    /// Fails for an event stored at a schema newer than `entry`'s.
    private static func check(_ recorded: RecordedEvent, against entry: Entry) throws {
        guard recorded.schemaVersion <= entry.schemaVersion else {
            throw EventDecodingError.newerSchema(
                type: recorded.type, stored: recorded.schemaVersion, known: entry.schemaVersion)
        }
    }

    /// The event's decoded payload, if it holds one of its type at the current schema.
    private static func alreadyDecoded(_ recorded: RecordedEvent, _ entry: Entry) -> (any DomainEvent)? {
        guard let value = recorded.decodedPayload as? any DomainEvent, type(of: value).eventType == recorded.type,
              type(of: value).schemaVersion == entry.schemaVersion
        else { return nil }
        return value
    }

    /// The stored payload, upcast to the current schema, decoded by `decode`.
    private func decode<Value>(_ recorded: RecordedEvent, _ entry: Entry, with decode: (Data) throws -> Value) throws -> Value {
        let payload = try recorded.schemaVersion == entry.schemaVersion
            ? recorded.payload : upcast(recorded, to: entry.schemaVersion)
        do {
            return try decode(payload)
        } catch {
            throw EventDecodingError.malformedPayload(type: recorded.type, position: recorded.position, reason: "\(error)")
        }
    }

    /// The domain event a recorded event holds, which must be an `Event`.
    public func decode<Event: DomainEvent>(_ recorded: RecordedEvent, as _: Event.Type) throws -> Event {
        // Already decoded, by its append or once for every projection: a cast to the concrete type costs far
        // less than the one to `any DomainEvent` that the general path makes. A value of the type itself is
        // at its current schema, whatever the stored one was: upcasting made it so.
        if let payload = recorded.decodedPayload, type(of: payload) == Event.self, recorded.type == Event.eventType {
            return identical(payload, as: Event.self)
        }
        guard let event = try decode(recorded) as? Event else {
            throw EventDecodingError.typeMismatch(expected: Event.eventType, found: recorded.type)
        }
        return event
    }

    /// Runs the stored payload through the upcasters from its version to `version`.
    private func upcast(_ recorded: RecordedEvent, to version: UInt32) throws -> Data {
        var value: JSONValue
        do {
            value = try PayloadDecoding.decode(JSONValue.self, from: recorded.payload)
        } catch {
            throw EventDecodingError.malformedPayload(type: recorded.type, position: recorded.position, reason: "\(error)")
        }
        for step in recorded.schemaVersion..<version {
            guard let upcaster = upcasters[recorded.type]?[step] else {
                throw EventDecodingError.missingUpcaster(type: recorded.type, fromVersion: step)
            }
            value = try upcaster.transform(value)
        }
        return try CanonicalJSON.data(value)
    }
}
