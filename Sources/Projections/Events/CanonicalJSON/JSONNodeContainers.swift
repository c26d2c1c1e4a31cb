/// An object being encoded: each member becomes a node of the object.
struct JSONNodeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]

    func encodeNil(forKey key: Key) { object.set(.null, forKey: key.stringValue) }
    func encode(_ value: Bool, forKey key: Key) { object.set(.bool(value), forKey: key.stringValue) }
    func encode(_ value: String, forKey key: Key) { object.set(.string(value), forKey: key.stringValue) }
    func encode(_ value: Double, forKey key: Key) throws { throw JSONNodeEncoder.Unsupported() }
    func encode(_ value: Float, forKey key: Key) throws { throw JSONNodeEncoder.Unsupported() }
    func encode(_ value: Int, forKey key: Key) { number(String(value), key) }
    func encode(_ value: Int8, forKey key: Key) { number(String(value), key) }
    func encode(_ value: Int16, forKey key: Key) { number(String(value), key) }
    func encode(_ value: Int32, forKey key: Key) { number(String(value), key) }
    func encode(_ value: Int64, forKey key: Key) { number(String(value), key) }
    func encode(_ value: UInt, forKey key: Key) { number(String(value), key) }
    func encode(_ value: UInt8, forKey key: Key) { number(String(value), key) }
    func encode(_ value: UInt16, forKey key: Key) { number(String(value), key) }
    func encode(_ value: UInt32, forKey key: Key) { number(String(value), key) }
    func encode(_ value: UInt64, forKey key: Key) { number(String(value), key) }

    func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        object.set(try JSONNodeEncoder.node(for: value, at: codingPath, key: key), forKey: key.stringValue)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONObject()
        object.set(.object(child), forKey: key.stringValue)
        return KeyedEncodingContainer(JSONNodeKeyedContainer<NestedKey>(object: child, codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = JSONArray()
        object.set(.array(child), forKey: key.stringValue)
        return JSONNodeUnkeyedContainer(array: child, codingPath: codingPath + [key])
    }

    func superEncoder() -> any Encoder { deferred(SuperKey()) }
    func superEncoder(forKey key: Key) -> any Encoder { deferred(key) }

    private func deferred(_ key: any CodingKey) -> any Encoder {
        let encoder = JSONNodeEncoder(parentPath: codingPath, key: key)
        object.set(.deferred(encoder), forKey: key.stringValue)
        return encoder
    }

    private func number(_ text: String, _ key: Key) {
        object.set(.number(text), forKey: key.stringValue)
    }
}

/// An array being encoded.
struct JSONNodeUnkeyedContainer: UnkeyedEncodingContainer {
    let array: JSONArray
    let codingPath: [any CodingKey]
    var count: Int { array.elements.count }

    func encodeNil() { array.elements.append(.null) }
    func encode(_ value: Bool) { array.elements.append(.bool(value)) }
    func encode(_ value: String) { array.elements.append(.string(value)) }
    func encode(_ value: Double) throws { throw JSONNodeEncoder.Unsupported() }
    func encode(_ value: Float) throws { throw JSONNodeEncoder.Unsupported() }
    func encode(_ value: Int) { array.elements.append(.number(String(value))) }
    func encode(_ value: Int8) { array.elements.append(.number(String(value))) }
    func encode(_ value: Int16) { array.elements.append(.number(String(value))) }
    func encode(_ value: Int32) { array.elements.append(.number(String(value))) }
    func encode(_ value: Int64) { array.elements.append(.number(String(value))) }
    func encode(_ value: UInt) { array.elements.append(.number(String(value))) }
    func encode(_ value: UInt8) { array.elements.append(.number(String(value))) }
    func encode(_ value: UInt16) { array.elements.append(.number(String(value))) }
    func encode(_ value: UInt32) { array.elements.append(.number(String(value))) }
    func encode(_ value: UInt64) { array.elements.append(.number(String(value))) }

    func encode<Value: Encodable>(_ value: Value) throws {
        array.elements.append(try JSONNodeEncoder.node(for: value, at: codingPath, key: IndexKey(count)))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONObject()
        let path = codingPath + [IndexKey(count)]
        array.elements.append(.object(child))
        return KeyedEncodingContainer(JSONNodeKeyedContainer<NestedKey>(object: child, codingPath: path))
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = JSONArray()
        let path = codingPath + [IndexKey(count)]
        array.elements.append(.array(child))
        return JSONNodeUnkeyedContainer(array: child, codingPath: path)
    }

    func superEncoder() -> any Encoder {
        let encoder = JSONNodeEncoder(parentPath: codingPath, key: IndexKey(count))
        array.elements.append(.deferred(encoder))
        return encoder
    }
}

/// An array element's place in a coding path.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}
