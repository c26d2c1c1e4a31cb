import EventStore
import Foundation

/// A `Decoder` over a `ParsedJSON` document, answering as `JSONDecoder` (with its default strategies) does
/// for what it reads, and `ParsedJSON.Unsupported` for the rest: floating-point numbers and the types
/// `JSONDecoder` decodes by a strategy of its own (dates, data, URLs, decimals).
final class ParsedJSONDecoder: Decoder {
    let value: ParsedJSON
    let codingPath: [any CodingKey]
    let session: Session
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// One decoding, from its top-level value down: whether it asked for anything left to `JSONDecoder`.
    ///
    /// A type may swallow a refusal (`try? container.decode(Double.self, …)`) and go on to decode something
    /// else, which `JSONDecoder` would not have done: so a decoding that met one is thrown away, whatever
    /// it produced.
    final class Session {
        private(set) var needsJSONDecoder = false

        func unsupported() -> ParsedJSON.Unsupported {
            needsJSONDecoder = true
            return ParsedJSON.Unsupported()
        }
    }

    init(_ value: ParsedJSON, at codingPath: [any CodingKey], in session: Session) {
        self.value = value
        self.codingPath = codingPath
        self.session = session
    }

    /// Decodes a whole document as `Value`; `nil` when any part of it needs `JSONDecoder`.
    static func decodeDocument<Value: Decodable>(_: Value.Type, from value: ParsedJSON) -> Value? {
        inSession { try decode(Value.self, from: value, at: [], in: $0) }
    }

    /// Reads a whole document, which must be an object, with `read` straight from its keyed container,
    /// without a `Decoder` in between; `nil` when it is not an object, when `read` throws, or when any part
    /// of it needs `JSONDecoder`.
    static func decodeObject<Key: CodingKey, Value>(
        _ value: ParsedJSON, keyedBy _: Key.Type, _ read: (ParsedJSONKeyedContainer<Key>) throws -> Value
    ) -> Value? {
        guard case .object(let members) = value else { return nil }
        return inSession { try read(ParsedJSONKeyedContainer(members: members, codingPath: [], session: $0)) }
    }

    /// One decoding in a session of its own: thrown away if it failed or met anything left to `JSONDecoder`.
    private static func inSession<Value>(_ decode: (Session) throws -> Value) -> Value? {
        let session = Session()
        let decoded = try? decode(session)
        return session.needsJSONDecoder ? nil : decoded
    }

    /// Decodes `Value` from `value`, going through `Value`'s own `init(from:)` unless `JSONDecoder` would not.
    static func decode<Value: Decodable>(
        _: Value.Type, from value: ParsedJSON, at codingPath: @autoclosure () -> [any CodingKey], in session: Session
    ) throws -> Value {
        if Value.self == Date.self || Value.self == Data.self || Value.self == URL.self || Value.self == Decimal.self {
            throw session.unsupported()
        }
        // An id or a time (nearly every event holds several) is made straight from its string, as its own
        // `init(from:)` would make it, without a decoder and a container in between; a string that is not
        // one goes on to `init(from:)`, which says why. The casts are between one type and itself, without
        // an optional of `Value` (whose metadata an unspecialized call would look up at run time).
        if case .ascii(let text) = value {
            if Value.self == TypeID.self, let id = TypeID(utf8: text.bytes) { return identical(id, as: Value.self) }
            if Value.self == Timestamp.self, let time = Timestamp(iso8601: text.string) { return identical(time, as: Value.self) }
        }
        return try Value(from: ParsedJSONDecoder(value, at: codingPath(), in: session))
    }

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: Any].self) }
        return KeyedDecodingContainer(ParsedJSONKeyedContainer<Key>(members: members, codingPath: codingPath, session: session))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([Any].self) }
        return ParsedJSONUnkeyedContainer(elements: elements, codingPath: codingPath, session: session)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        self
    }

    private func mismatch(_ expected: Any.Type) -> DecodingError {
        value.mismatch(expected, codingPath)
    }
}

/// The primitive values of a parsed document, as each container reads them.
/// The path each takes is only put together for an error.
extension ParsedJSON {
    func decodeString(at codingPath: @autoclosure () -> [any CodingKey]) throws -> String {
        switch self {
        case .ascii(let text): return text.string
        case .string(let text): return text
        default: throw mismatch(String.self, codingPath())
        }
    }

    func decodeBool(at codingPath: @autoclosure () -> [any CodingKey]) throws -> Bool {
        guard case .bool(let value) = self else { throw mismatch(Bool.self, codingPath()) }
        return value
    }

    @inline(__always)
    func decodeInteger<Integer: FixedWidthInteger>(
        _: Integer.Type, at codingPath: @autoclosure () -> [any CodingKey]
    ) throws -> Integer {
        guard case .integer(let text) = self else { throw mismatch(Integer.self, codingPath()) }
        guard let value = Integer(text.string) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath(), debugDescription: "\(text.string) does not fit"))
        }
        return value
    }

    var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// The error `JSONDecoder` throws for this value where `expected` was wanted: of the same kind, so
    /// that a type which catches one kind and not the other takes the same turn either way.
    func mismatch(_ expected: Any.Type, _ codingPath: [any CodingKey]) -> DecodingError {
        let context = DecodingError.Context(codingPath: codingPath, debugDescription: "not the expected JSON value")
        return isNull ? .valueNotFound(expected, context) : .typeMismatch(expected, context)
    }
}
