// The keyed, unkeyed and single-value containers of `ParsedJSONDecoder`. Floating-point numbers and super
// decoders are `ParsedJSON.Unsupported`, recorded in the decoding's session, so that `JSONDecoder` reads
// the document.

/// An object's members, looked up by key in the order they were written.
struct ParsedJSONKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: JSONText, value: ParsedJSON)]
    let codingPath: [any CodingKey]
    let session: ParsedJSONDecoder.Session

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key.string) } }

    func contains(_ key: Key) -> Bool {
        member(key) != nil
    }

    /// The value under `key`, if the object has one. A name of plain ASCII is compared byte for byte;
    /// any other as `String`s compare, as `JSONDecoder` looks keys up (the Kelvin sign is a `K`).
    private func member(_ key: Key) -> ParsedJSON? {
        let name = key.stringValue
        var utf8 = name
        return utf8.withUTF8 { utf8 in
            if utf8.allSatisfy({ $0 < 0x80 }) {
                return members.first { $0.key.equals(ascii: utf8) }?.value
            }
            return members.first { $0.key.string == name }?.value
        }
    }

    private func value(for key: Key) throws -> ParsedJSON {
        guard let value = member(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for \(key.stringValue)"))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(for: key).isNull }
    func decode(_: Bool.Type, forKey key: Key) throws -> Bool { try value(for: key).decodeBool(at: codingPath + [key]) }
    func decode(_: String.Type, forKey key: Key) throws -> String { try value(for: key).decodeString(at: codingPath + [key]) }
    func decode(_: Double.Type, forKey _: Key) throws -> Double { throw session.unsupported() }
    func decode(_: Float.Type, forKey _: Key) throws -> Float { throw session.unsupported() }
    func decode(_: Int128.Type, forKey _: Key) throws -> Int128 { throw session.unsupported() }
    func decode(_: UInt128.Type, forKey _: Key) throws -> UInt128 { throw session.unsupported() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try ParsedJSONDecoder.decode(type, from: value(for: key), at: codingPath + [key], in: session)
    }

    // `decodeIfPresent` as `JSONDecoder` reads it, nil for a missing key or a null, with one look-up: the
    // protocol's own implementation looks the key up three times, through unspecialized generics.
    func decodeIfPresent(_: Bool.Type, forKey key: Key) throws -> Bool? { try present(key)?.decodeBool(at: codingPath + [key]) }
    func decodeIfPresent(_: String.Type, forKey key: Key) throws -> String? { try present(key)?.decodeString(at: codingPath + [key]) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key).map { _ in try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(key).map { _ in try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: Int128.Type, forKey key: Key) throws -> Int128? { try present(key).map { _ in try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: UInt128.Type, forKey key: Key) throws -> UInt128? { try present(key).map { _ in try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try presentInteger(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try presentInteger(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try presentInteger(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try presentInteger(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try presentInteger(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try presentInteger(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try presentInteger(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try presentInteger(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try presentInteger(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try presentInteger(type, key) }

    func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        try present(key).map { try ParsedJSONDecoder.decode(type, from: $0, at: codingPath + [key], in: session) }
    }

    /// The value under `key`; `nil` when there is none or it is null.
    private func present(_ key: Key) -> ParsedJSON? {
        member(key).flatMap { $0.isNull ? nil : $0 }
    }

    private func presentInteger<Integer: FixedWidthInteger>(_ type: Integer.Type, _ key: Key) throws -> Integer? {
        try present(key)?.decodeInteger(type, at: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ParsedJSONDecoder(value(for: key), at: codingPath + [key], in: session).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ParsedJSONDecoder(value(for: key), at: codingPath + [key], in: session).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { throw session.unsupported() }
    func superDecoder(forKey _: Key) throws -> any Decoder { throw session.unsupported() }

    // Inlined into each integer type's `decode`: otherwise the compiler merges those into one function
    // that calls this one unspecialized, and every integer is parsed through generic code.
    @inline(__always)
    private func integer<Integer: FixedWidthInteger>(_ type: Integer.Type, _ key: Key) throws -> Integer {
        try value(for: key).decodeInteger(type, at: codingPath + [key])
    }
}

/// An array's elements, read in order.
struct ParsedJSONUnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [ParsedJSON]
    let codingPath: [any CodingKey]
    let session: ParsedJSONDecoder.Session
    private(set) var currentIndex = 0

    init(elements: [ParsedJSON], codingPath: [any CodingKey], session: ParsedJSONDecoder.Session) {
        self.elements = elements
        self.codingPath = codingPath
        self.session = session
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    /// The next element; the index moves on only once it has been decoded.
    private func next<Value>(_ type: Value.Type) throws -> ParsedJSON {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "the array has ended"))
        }
        return elements[currentIndex]
    }

    /// Reads the next element with `read`, which is handed the path to it, to be put together only if needed.
    private mutating func decodeNext<Value>(
        _ type: Value.Type, _ read: (ParsedJSON, () -> [any CodingKey]) throws -> Value
    ) throws -> Value {
        let element = try next(type)
        let value = try read(element) { [codingPath, currentIndex] in codingPath + [ElementKey(index: currentIndex)] }
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        let element = try next(Never.self)
        if element.isNull { currentIndex += 1 }
        return element.isNull
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try decodeNext(type) { try $0.decodeBool(at: $1()) } }
    mutating func decode(_ type: String.Type) throws -> String { try decodeNext(type) { try $0.decodeString(at: $1()) } }
    mutating func decode(_: Double.Type) throws -> Double { throw session.unsupported() }
    mutating func decode(_: Float.Type) throws -> Float { throw session.unsupported() }
    mutating func decode(_: Int128.Type) throws -> Int128 { throw session.unsupported() }
    mutating func decode(_: UInt128.Type) throws -> UInt128 { throw session.unsupported() }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try decodeNext(type) { [session] in try ParsedJSONDecoder.decode(type, from: $0, at: $1(), in: session) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try decodeNext(KeyedDecodingContainer<NestedKey>.self) { [session] in
            try ParsedJSONDecoder($0, at: $1(), in: session).container(keyedBy: type)
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try decodeNext((any UnkeyedDecodingContainer).self) { [session] in
            try ParsedJSONDecoder($0, at: $1(), in: session).unkeyedContainer()
        }
    }

    mutating func superDecoder() throws -> any Decoder { throw session.unsupported() }

    // Inlined into each integer type's `decode`, as the keyed container's is.
    @inline(__always)
    private mutating func integer<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        try decodeNext(type) { try $0.decodeInteger(type, at: $1()) }
    }

    /// The coding key of an array element: its index.
    private struct ElementKey: CodingKey {
        let index: Int
        var stringValue: String { "Index \(index)" }
        var intValue: Int? { index }
        init(index: Int) { self.index = index }
        init?(stringValue _: String) { nil }
        init?(intValue: Int) { index = intValue }
    }
}

/// One value, read as a whole: the decoder is its own single-value container, as `JSONDecoder`'s is, so
/// that a type decoded from one value (an enum by its raw value, an id by its string) costs no container
/// of its own.
extension ParsedJSONDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value.isNull }
    func decode(_: Bool.Type) throws -> Bool { try value.decodeBool(at: codingPath) }
    func decode(_: String.Type) throws -> String { try value.decodeString(at: codingPath) }
    func decode(_: Double.Type) throws -> Double { throw session.unsupported() }
    func decode(_: Float.Type) throws -> Float { throw session.unsupported() }
    func decode(_: Int128.Type) throws -> Int128 { throw session.unsupported() }
    func decode(_: UInt128.Type) throws -> UInt128 { throw session.unsupported() }
    func decode(_ type: Int.Type) throws -> Int { try value.decodeInteger(type, at: codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try value.decodeInteger(type, at: codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try value.decodeInteger(type, at: codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try value.decodeInteger(type, at: codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try value.decodeInteger(type, at: codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try value.decodeInteger(type, at: codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try value.decodeInteger(type, at: codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try value.decodeInteger(type, at: codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try value.decodeInteger(type, at: codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try value.decodeInteger(type, at: codingPath) }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try ParsedJSONDecoder.decode(type, from: value, at: codingPath, in: session)
    }
}
