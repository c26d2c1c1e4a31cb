import EventStore

/// The bytes read models keep their records in: a compact, tagged binary form of any `Codable` value.
///
/// Read models decode a record on every query and encode one for every change, so their format is chosen
/// for speed, not for people (the log's payloads stay JSON). Keys are kept, so a record written by an older
/// version of a type still decodes as long as its fields do, and the same value always gives the same bytes
/// (fields in the order the type encodes them), so a rebuild reproduces the live tables byte for byte.
/// Timestamps are written as microseconds and TypeIDs as their prefix and 16 bytes.
public enum RecordCoding {
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try encode(value, into: &bytes)
        return bytes
    }

    /// Appends `value` to `bytes`: a caller writing many records writes them all into one buffer instead
    /// of growing a new one for each.
    static func encode<Value: Encodable>(_ value: Value, into bytes: inout [UInt8]) throws {
        if let recordType = Value.self as? any FieldRecord.Type {
            writeFields(value, as: recordType, into: &bytes)
        } else {
            try RecordWriter.write(value, into: &bytes)
        }
    }

    /// `value`, whose type is `Record`, written field by field. Its conformance is found from the type
    /// alone: casting the value itself boxed a copy of it, on the heap for any record larger than three
    /// words, at every write.
    private static func writeFields<Value, Record: FieldRecord>(_ value: Value, as _: Record.Type, into bytes: inout [UInt8]) {
        identical(value, as: Record.self).write(into: &bytes)
    }

    public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: UnsafeRawBufferPointer) throws -> Value {
        let reader = RecordReader(bytes: bytes)
        if let recordType = Value.self as? any FieldRecord.Type {
            guard let value = try recordType.init(readingAt: 0, in: reader) as? Value else { throw reader.mismatch(Value.self, []) }
            return value
        }
        return try reader.value(type, at: 0, path: [])
    }

    public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBytes { try decode(type, from: $0) }
    }
}

/// The tag before every value.
enum RecordTag: UInt8 {
    case null = 0
    case `false` = 1
    case `true` = 2
    case signed = 3
    case unsigned = 4
    case double = 5
    case string = 6
    /// Byte length, then key-value entries.
    case keyed = 7
    /// Byte length, then the element count, then the elements.
    case unkeyed = 8
    case timestamp = 9
    case typeID = 10
}

/// Writing values: the common ones directly, anything else through its `encode(to:)`.
enum RecordWriter {
    /// The common types are told apart by their metatype: asking a struct, enum or array whether it is a
    /// number would cost a conformance lookup for every field.
    static func write<Value: Encodable>(_ value: Value, into bytes: inout [UInt8]) throws {
        guard !writeDirectly(value, into: &bytes) else { return }
        try writeThroughEncoder(value, into: &bytes)
    }

    /// What a single-value container holds: a number of a type `write` does not know by name is found here,
    /// by asking (a custom type's single value is nearly always a primitive, so this is rare).
    static func writeSingleValue<Value: Encodable>(_ value: Value, into bytes: inout [UInt8]) throws {
        if writeDirectly(value, into: &bytes) { return }
        if let number = value as? any FixedWidthInteger {
            writeInteger(number, into: &bytes)
        } else if let number = value as? any BinaryFloatingPoint {
            writeDouble(Double(number), into: &bytes)
        } else {
            try writeThroughEncoder(value, into: &bytes)
        }
    }

    private static func writeThroughEncoder<Value: Encodable>(_ value: Value, into bytes: inout [UInt8]) throws {
        let encoder = RecordEncoder(codingPath: [])
        try value.encode(to: encoder)
        encoder.node.serialize(into: &bytes)
    }

    /// Writes `value` if its type is one written without an encoder; `false` if not.
    private static func writeDirectly<Value>(_ value: Value, into bytes: inout [UInt8]) -> Bool {
        if Value.self == String.self {
            writeString(identical(value, as: String.self), into: &bytes)
        } else if Value.self == TypeID.self {
            writeTypeID(identical(value, as: TypeID.self), into: &bytes)
        } else if Value.self == Timestamp.self {
            writeTimestamp(identical(value, as: Timestamp.self), into: &bytes)
        } else if Value.self == Int64.self {
            writeInteger(identical(value, as: Int64.self), into: &bytes)
        } else if Value.self == Bool.self {
            bytes.append(identical(value, as: Bool.self) ? RecordTag.true.rawValue : RecordTag.false.rawValue)
        } else if Value.self == Double.self {
            writeDouble(identical(value, as: Double.self), into: &bytes)
        } else if Value.self == Int.self {
            writeInteger(identical(value, as: Int.self), into: &bytes)
        } else if Value.self == UInt64.self {
            writeInteger(identical(value, as: UInt64.self), into: &bytes)
        } else if Value.self == UInt32.self {
            writeInteger(identical(value, as: UInt32.self), into: &bytes)
        } else if Value.self == Int32.self {
            writeInteger(identical(value, as: Int32.self), into: &bytes)
        } else {
            return false
        }
        return true
    }

    static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(RecordTag.string.rawValue)
        writeVarint(UInt64(text.utf8.count), into: &bytes)
        bytes += text.utf8
    }

    static func writeTypeID(_ id: TypeID, into bytes: inout [UInt8]) {
        bytes.append(RecordTag.typeID.rawValue)
        writeVarint(UInt64(id.prefix.utf8.count), into: &bytes)
        bytes += id.prefix.utf8
        withUnsafeBytes(of: id.uuid.uuid) { bytes += $0 }
    }

    static func writeTimestamp(_ timestamp: Timestamp, into bytes: inout [UInt8]) {
        bytes.append(RecordTag.timestamp.rawValue)
        writeVarint(zigzag(timestamp.microsecondsSinceEpoch), into: &bytes)
    }

    static func writeNull(into bytes: inout [UInt8]) {
        bytes.append(RecordTag.null.rawValue)
    }

    /// `tag`, the length of what `content` writes, then what it writes: written in place, with room for a
    /// one-byte length made before and widened after if the content needed more, instead of writing the
    /// content into an array of its own and copying it (nested records and arrays, for every record).
    static func writeBlock(_ tag: RecordTag, into bytes: inout [UInt8], _ content: (inout [UInt8]) -> Void) {
        bytes.append(tag.rawValue)
        let lengthAt = bytes.count
        bytes.append(0)
        content(&bytes)
        let length = bytes.count - lengthAt - 1
        if length < 0x80 {
            bytes[lengthAt] = UInt8(length)
            return
        }
        var varint: [UInt8] = []
        writeVarint(UInt64(length), into: &varint)
        bytes.replaceSubrange(lengthAt..<lengthAt + 1, with: varint)
    }

    static func writeVarint(_ value: UInt64, into bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func writeInteger<Number: FixedWidthInteger>(_ number: Number, into bytes: inout [UInt8]) {
        if Number.isSigned {
            bytes.append(RecordTag.signed.rawValue)
            writeVarint(zigzag(Int64(truncatingIfNeeded: number)), into: &bytes)
        } else {
            bytes.append(RecordTag.unsigned.rawValue)
            writeVarint(UInt64(truncatingIfNeeded: number), into: &bytes)
        }
    }

    private static func writeDouble(_ number: Double, into bytes: inout [UInt8]) {
        bytes.append(RecordTag.double.rawValue)
        withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes += $0 }
    }

    private static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }
}

/// What one value's `encode(to:)` wrote: a keyed or unkeyed container, or a single value, with the
/// containers it opened by reference and filled later spliced in when it is serialized.
final class RecordNode {
    enum Kind {
        case empty, keyed, unkeyed, single
    }

    var kind = Kind.empty
    var bytes: [UInt8] = []
    var count = 0
    /// Nested containers, and where in `bytes` each goes.
    var splices: [(offset: Int, node: RecordNode)] = []

    func serialize(into out: inout [UInt8]) {
        switch kind {
        case .single:
            out += bytes
        case .empty, .keyed, .unkeyed:
            RecordWriter.writeBlock(kind == .unkeyed ? .unkeyed : .keyed, into: &out) { content in
                if kind == .unkeyed { RecordWriter.writeVarint(UInt64(count), into: &content) }
                var from = 0
                for splice in splices {
                    content += bytes[from..<splice.offset]
                    splice.node.serialize(into: &content)
                    from = splice.offset
                }
                content += bytes[from...]
            }
        }
    }

    /// A container opened now and filled later, to be spliced in here.
    func nested(_ kind: Kind) -> RecordNode {
        let node = RecordNode()
        node.kind = kind
        splices.append((bytes.count, node))
        return node
    }
}

/// The encoder a value's `encode(to:)` writes into `node`: a value's own, or a container opened by
/// reference (`superEncoder`).
final class RecordEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let node: RecordNode

    init(node: RecordNode = RecordNode(), codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        node.kind = .keyed
        return KeyedEncodingContainer(KeyedRecordWriter<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.kind = .unkeyed
        return UnkeyedRecordWriter(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        node.kind = .single
        return SingleRecordWriter(node: node, codingPath: codingPath)
    }
}

struct KeyedRecordWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: RecordNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        writeKey(key)
        RecordWriter.writeNull(into: &node.bytes)
    }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        writeKey(key)
        try RecordWriter.write(value, into: &node.bytes)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy _: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        writeKey(key)
        return KeyedEncodingContainer(KeyedRecordWriter<NestedKey>(node: node.nested(.keyed), codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writeKey(key)
        return UnkeyedRecordWriter(node: node.nested(.unkeyed), codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(named: "super")
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(named: key.stringValue)
    }

    private func superEncoder(named name: String) -> any Encoder {
        RecordWriter.writeVarint(UInt64(name.utf8.count), into: &node.bytes)
        node.bytes += name.utf8
        return RecordEncoder(node: node.nested(.empty), codingPath: codingPath)
    }

    private func writeKey(_ key: Key) {
        let name = key.stringValue
        RecordWriter.writeVarint(UInt64(name.utf8.count), into: &node.bytes)
        node.bytes += name.utf8
    }
}

struct UnkeyedRecordWriter: UnkeyedEncodingContainer {
    let node: RecordNode
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() throws {
        node.count += 1
        RecordWriter.writeNull(into: &node.bytes)
    }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        node.count += 1
        try RecordWriter.write(value, into: &node.bytes)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        node.count += 1
        return KeyedEncodingContainer(KeyedRecordWriter<NestedKey>(node: node.nested(.keyed), codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        node.count += 1
        return UnkeyedRecordWriter(node: node.nested(.unkeyed), codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        node.count += 1
        return RecordEncoder(node: node.nested(.empty), codingPath: codingPath)
    }
}

struct SingleRecordWriter: SingleValueEncodingContainer {
    let node: RecordNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws {
        RecordWriter.writeNull(into: &node.bytes)
    }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        try RecordWriter.writeSingleValue(value, into: &node.bytes)
    }
}
