import Foundation

/// A `Decoder` over a `ParsedJSON` document, answering as `JSONDecoder` (with its default strategies) does
/// for what it reads, and `ParsedJSON.Unsupported` for the rest: floating-point numbers and the types
/// `JSONDecoder` decodes by a strategy of its own (dates, data, URLs, decimals).
final class ParsedJSONDecoder: Decoder {
    let value: ParsedJSON
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: ParsedJSON, at codingPath: [any CodingKey]) {
        self.value = value
        self.codingPath = codingPath
    }

    /// Decodes `Value` from `value`, going through `Value`'s own `init(from:)` unless `JSONDecoder` would not.
    static func decode<Value: Decodable>(_: Value.Type, from value: ParsedJSON, at codingPath: [any CodingKey]) throws -> Value {
        if Value.self == Date.self || Value.self == Data.self || Value.self == URL.self || Value.self == Decimal.self {
            throw ParsedJSON.Unsupported()
        }
        return try Value(from: ParsedJSONDecoder(value, at: codingPath))
    }

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: Any].self) }
        return KeyedDecodingContainer(ParsedJSONKeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([Any].self) }
        return ParsedJSONUnkeyedContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ParsedJSONSingleValueContainer(value: value, codingPath: codingPath)
    }

    private func mismatch(_ expected: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(expected, .init(codingPath: codingPath, debugDescription: "not the expected JSON value"))
    }
}

/// The primitive values of a parsed document, as each container reads them.
extension ParsedJSON {
    func decodeString(at codingPath: [any CodingKey]) throws -> String {
        guard case .string(let text) = self else { throw mismatch(String.self, codingPath) }
        return text
    }

    func decodeBool(at codingPath: [any CodingKey]) throws -> Bool {
        guard case .bool(let value) = self else { throw mismatch(Bool.self, codingPath) }
        return value
    }

    func decodeInteger<Integer: FixedWidthInteger>(_: Integer.Type, at codingPath: [any CodingKey]) throws -> Integer {
        guard case .integer(let text) = self else { throw mismatch(Integer.self, codingPath) }
        guard let value = Integer(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(text) does not fit"))
        }
        return value
    }

    var isNull: Bool {
        if case .null = self { true } else { false }
    }

    private func mismatch(_ expected: Any.Type, _ codingPath: [any CodingKey]) -> DecodingError {
        DecodingError.typeMismatch(expected, .init(codingPath: codingPath, debugDescription: "not the expected JSON value"))
    }
}
