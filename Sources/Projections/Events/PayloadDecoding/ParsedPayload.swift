import EventStore
import Foundation

/// An event type that reads its members from the parsed payload itself, instead of through Codable's
/// containers: for the events a rebuild meets most (heartbeats, notifications and their pages).
///
/// Codable boxes a container and looks up generic metadata for every event, and reaches each member
/// through unspecialized generic calls: for a two-member heartbeat that was most of its decoding. The
/// members are read with the same primitives the containers use, and any doubt — a member missing, null
/// where a value belongs, of another kind, an id or a time that does not parse — is a refusal, upon which
/// the payload is decoded the general way, which then gives its exact result or error. So a type's
/// `init(_:)` only ever returns what its Codable conformance would (`ParsedPayloadTests` holds the two to
/// it over a generated history), and its members are named by its own `CodingKeys`.
protocol ParsedPayload: DomainEvent {
    associatedtype Member: CodingKey
    init(_ members: ParsedMembers<Member>) throws(ParsedMembers<Member>.Refusal)
}

extension ParsedPayload {
    public static func decode(payload: Data) throws -> Self {
        let parsed = try? payload.withUnsafeBytes { bytes throws(ParsedJSON.Unsupported) in try ParsedJSON.parse(bytes) }
        if case .object(let members)? = parsed, let event = try? Self(ParsedMembers(members)) {
            return event
        }
        return try PayloadDecoding.decode(Self.self, from: payload)
    }
}

/// The members of a parsed payload object, read by key as a type's Codable conformance reads them.
struct ParsedMembers<Key: CodingKey> {
    /// The members are not what this reader can vouch for: decode the payload the general way.
    struct Refusal: Error {}

    private let members: [(key: String, value: ParsedJSON)]

    init(_ members: [(key: String, value: ParsedJSON)]) {
        self.members = members
    }

    func string(_ key: Key) throws(Refusal) -> String {
        try read(key) { try $0.decodeString(at: []) }
    }

    func optionalString(_ key: Key) throws(Refusal) -> String? {
        try readIfPresent(key) { try $0.decodeString(at: []) }
    }

    func int64(_ key: Key) throws(Refusal) -> Int64 {
        try read(key) { try $0.decodeInteger(Int64.self, at: []) }
    }

    func typeID(_ key: Key) throws(Refusal) -> TypeID {
        try read(key, Self.typeID)
    }

    func optionalTypeID(_ key: Key) throws(Refusal) -> TypeID? {
        try readIfPresent(key, Self.typeID)
    }

    func typeIDs(_ key: Key) throws(Refusal) -> [TypeID] {
        try read(key) { try Self.elements(of: $0, Self.typeID) }
    }

    func strings(_ key: Key) throws(Refusal) -> [String] {
        try read(key) { try Self.elements(of: $0) { try $0.decodeString(at: []) } }
    }

    func optionalTimestamp(_ key: Key) throws(Refusal) -> Timestamp? {
        try readIfPresent(key) { value in
            guard let time = Timestamp(iso8601: try value.decodeString(at: [])) else { throw Refusal() }
            return time
        }
    }

    /// A string-backed enumeration, as its Codable conformance reads it: the raw value.
    func value<Value: RawRepresentable<String>>(_ key: Key, as _: Value.Type) throws(Refusal) -> Value {
        try read(key) { value in
            guard let member = Value(rawValue: try value.decodeString(at: [])) else { throw Refusal() }
            return member
        }
    }

    /// The member under `key`, which must be there and not null (as `decode` reads it).
    private func read<Value>(_ key: Key, _ decode: (ParsedJSON) throws -> Value) throws(Refusal) -> Value {
        guard let value = member(key), !value.isNull else { throw Refusal() }
        do { return try decode(value) } catch { throw Refusal() }
    }

    /// `nil` for a member missing or null (as `decodeIfPresent` reads it).
    private func readIfPresent<Value>(_ key: Key, _ decode: (ParsedJSON) throws -> Value) throws(Refusal) -> Value? {
        guard let value = member(key), !value.isNull else { return nil }
        do { return try decode(value) } catch { throw Refusal() }
    }

    /// The first member named `key`, as the keyed container finds it (the parser refuses a key given twice).
    private func member(_ key: Key) -> ParsedJSON? {
        let name = key.stringValue
        return members.first { $0.key == name }?.value
    }

    private static func typeID(_ value: ParsedJSON) throws -> TypeID {
        guard let id = TypeID(try value.decodeString(at: [])) else { throw Refusal() }
        return id
    }

    private static func elements<Element>(of value: ParsedJSON, _ decode: (ParsedJSON) throws -> Element) throws -> [Element] {
        guard case .array(let elements) = value else { throw Refusal() }
        return try elements.map(decode)
    }
}
