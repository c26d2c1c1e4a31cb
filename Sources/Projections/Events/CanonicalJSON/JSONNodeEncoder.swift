import Foundation

/// The `Encoder` that turns one value into a `JSONNode`; it is also the value's single-value container.
final class JSONNodeEncoder: Encoder, SingleValueEncodingContainer {
    /// A value this encoder does not write the way `JSONEncoder` does; `CanonicalJSON` then uses that.
    struct Unsupported: Error {}

    private let parentPath: [any CodingKey]
    private let key: (any CodingKey)?
    private(set) var node = JSONNode.unset

    var codingPath: [any CodingKey] { key.map { parentPath + [$0] } ?? parentPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(parentPath: [any CodingKey], key: (any CodingKey)?) {
        self.parentPath = parentPath
        self.key = key
    }

    /// The node of `value`, whose place in the whole is `key` under `parentPath`.
    static func node<Value: Encodable>(
        for value: Value, at parentPath: [any CodingKey], key: (any CodingKey)? = nil
    ) throws -> JSONNode {
        // The types JSONEncoder writes in a form of its own rather than through their `encode(to:)`.
        if Value.self == Date.self || Value.self == Data.self || Value.self == Decimal.self || Value.self == URL.self {
            throw Unsupported()
        }
        let encoder = JSONNodeEncoder(parentPath: parentPath, key: key)
        try value.encode(to: encoder)
        return encoder.node
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONObject
        if case .object(let existing) = node {
            object = existing
        } else {
            object = JSONObject()
            node = .object(object)
        }
        return KeyedEncodingContainer(JSONNodeKeyedContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: JSONArray
        if case .array(let existing) = node {
            array = existing
        } else {
            array = JSONArray()
            node = .array(array)
        }
        return JSONNodeUnkeyedContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() { node = .null }
    func encode(_ value: Bool) { node = .bool(value) }
    func encode(_ value: String) { node = .string(value) }
    func encode(_ value: Double) throws { throw Unsupported() }
    func encode(_ value: Float) throws { throw Unsupported() }
    func encode(_ value: Int) { node = .number(String(value)) }
    func encode(_ value: Int8) { node = .number(String(value)) }
    func encode(_ value: Int16) { node = .number(String(value)) }
    func encode(_ value: Int32) { node = .number(String(value)) }
    func encode(_ value: Int64) { node = .number(String(value)) }
    func encode(_ value: UInt) { node = .number(String(value)) }
    func encode(_ value: UInt8) { node = .number(String(value)) }
    func encode(_ value: UInt16) { node = .number(String(value)) }
    func encode(_ value: UInt32) { node = .number(String(value)) }
    func encode(_ value: UInt64) { node = .number(String(value)) }
    func encode<Value: Encodable>(_ value: Value) throws { node = try Self.node(for: value, at: parentPath, key: key) }
}

/// The key of a `superEncoder()` without one of its own, as `JSONEncoder` names it.
struct SuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}
