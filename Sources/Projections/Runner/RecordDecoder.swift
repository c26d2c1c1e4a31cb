import EventStore
import Foundation

/// Reading the values `RecordWriter` wrote, straight from the bytes (a read transaction's map), without
/// copying them first.
struct RecordReader {
    let bytes: UnsafeRawBufferPointer

    func value<Value: Decodable>(_ type: Value.Type, at offset: Int, path: @autoclosure () -> [any CodingKey]) throws -> Value {
        if Value.self == String.self { return identical(try string(at: offset, path()), as: Value.self) }
        if Value.self == TypeID.self { return identical(try typeID(at: offset, path()), as: Value.self) }
        if Value.self == Timestamp.self { return identical(try timestamp(at: offset, path()), as: Value.self) }
        if Value.self == Bool.self {
            switch try tag(at: offset, path()) {
            case .true: return identical(true, as: Value.self)
            case .false: return identical(false, as: Value.self)
            default: throw mismatch(Value.self, path())
            }
        }
        if Value.self == Int64.self { return identical(try integer(Int64.self, at: offset, path()), as: Value.self) }
        if Value.self == Double.self { return identical(try double(at: offset, path()), as: Value.self) }
        if let integer = Value.self as? any FixedWidthInteger.Type { return try cast(self.integer(integer, at: offset, path()), path()) }
        if Value.self == Float.self { return try cast(Float(double(at: offset, path())), path()) }
        return try Value(from: RecordDecoder(reader: self, offset: offset, codingPath: path()))
    }

    func tag(at offset: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> RecordTag {
        guard offset < bytes.count, let tag = RecordTag(rawValue: bytes[offset]) else { throw corrupt(path()) }
        return tag
    }

    /// The offset just after `tag`, which must be the one at `offset`.
    func expect(_ tag: RecordTag, at offset: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Int {
        guard try self.tag(at: offset, path()) == tag else { throw mismatch(tag, path()) }
        return offset + 1
    }

    /// Where the value at `offset` ends.
    func end(ofValueAt offset: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Int {
        var cursor = offset + 1
        switch try tag(at: offset, path()) {
        case .null, .false, .true: return cursor
        case .signed, .unsigned, .timestamp:
            _ = try varint(&cursor, path())
            return cursor
        case .double: return try bounded(cursor + 8, path())
        case .string, .keyed, .unkeyed:
            let length = try varint(&cursor, path())
            return try bounded(cursor + Int(clamping: length), path())
        case .typeID:
            let length = try varint(&cursor, path())
            return try bounded(cursor + Int(clamping: length) + 16, path())
        }
    }

    /// The content of the container at `offset`, which must be of kind `tag`.
    func content(of tag: RecordTag, at offset: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Range<Int> {
        var cursor = try expect(tag, at: offset, path())
        let length = try varint(&cursor, path())
        return cursor..<(try bounded(cursor + Int(clamping: length), path()))
    }

    func varint(_ cursor: inout Int, _ path: @autoclosure () -> [any CodingKey]) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while cursor < bytes.count, shift < 64 {
            let byte = bytes[cursor]
            cursor += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        throw corrupt(path())
    }

    func string(at offset: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> String {
        let range = try content(of: .string, at: offset, path())
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func bounded(_ end: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Int {
        guard end <= bytes.count else { throw corrupt(path()) }
        return end
    }

    func mismatch(_ expected: Any, _ path: @autoclosure () -> [any CodingKey]) -> DecodingError {
        .typeMismatch(type(of: expected), .init(codingPath: path(), debugDescription: "the record holds another kind of value here"))
    }

    func corrupt(_ path: @autoclosure () -> [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: path(), debugDescription: "the record's bytes are damaged"))
    }

    func timestamp(at offset: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Timestamp {
        var cursor = try expect(.timestamp, at: offset, path())
        return Timestamp(microsecondsSinceEpoch: Self.unzigzag(try varint(&cursor, path())))
    }

    func typeID(at offset: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> TypeID {
        var cursor = try expect(.typeID, at: offset, path())
        let length = Int(clamping: try varint(&cursor, path()))
        let end = try bounded(cursor + length + 16, path())
        let prefix = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[cursor..<(cursor + length)]), as: UTF8.self)
        let uuid = UnsafeRawBufferPointer(rebasing: bytes[(end - 16)..<end]).loadUnaligned(as: uuid_t.self)
        guard let id = TypeID(prefix: prefix, uuid: UUID(uuid: uuid)) else { throw corrupt(path()) }
        return id
    }

    func integer<Number: FixedWidthInteger>(_: Number.Type, at offset: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Number {
        var cursor = offset + 1
        let number: Number?
        switch try tag(at: offset, path()) {
        case .signed: number = Number(exactly: Self.unzigzag(try varint(&cursor, path())))
        case .unsigned: number = Number(exactly: try varint(&cursor, path()))
        default: throw mismatch(Number.self, path())
        }
        guard let number else { throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "out of range for \(Number.self)")) }
        return number
    }

    private func double(at offset: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Double {
        let cursor = try expect(.double, at: offset, path())
        let end = try bounded(cursor + 8, path())
        return Double(bitPattern: UInt64(littleEndian: UnsafeRawBufferPointer(rebasing: bytes[cursor..<end]).loadUnaligned(as: UInt64.self)))
    }

    private func cast<Value>(_ value: Any, _ path: @autoclosure () -> [any CodingKey]) throws -> Value {
        guard let value = value as? Value else { throw mismatch(Value.self, path()) }
        return value
    }

    private static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}

/// The decoder a value's `init(from:)` reads the value at `offset` through.
struct RecordDecoder: Decoder {
    let reader: RecordReader
    let offset: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedRecordReader<Key>(reader: reader, offset: offset, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedRecordReader(reader: reader, offset: offset, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleRecordReader(reader: reader, offset: offset, codingPath: codingPath)
    }
}

struct KeyedRecordReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: RecordReader
    let codingPath: [any CodingKey]
    /// In a box: the container's methods do not mutate it, but a lookup moves the entries' search hint.
    private let box: EntriesBox

    private final class EntriesBox {
        var entries: RecordEntries

        init(_ entries: RecordEntries) {
            self.entries = entries
        }
    }

    init(reader: RecordReader, offset: Int, codingPath: [any CodingKey]) throws {
        self.reader = reader
        self.codingPath = codingPath
        box = EntriesBox(try RecordEntries(reader: reader, offset: offset, path: codingPath))
    }

    var allKeys: [Key] {
        box.entries.entries.compactMap { Key(stringValue: String(decoding: UnsafeRawBufferPointer(rebasing: reader.bytes[$0.key]), as: UTF8.self)) }
    }

    func contains(_ key: Key) -> Bool {
        box.entries.value(named: key.stringValue) != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try reader.tag(at: try value(key), codingPath + [key]) == .null
    }

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try reader.value(type, at: try value(key), path: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try KeyedRecordReader<NestedKey>(reader: reader, offset: try value(key), codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try UnkeyedRecordReader(reader: reader, offset: try value(key), codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder {
        try superDecoder(named: "super")
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try superDecoder(named: key.stringValue)
    }

    private func superDecoder(named name: String) throws -> any Decoder {
        guard let offset = box.entries.value(named: name) else {
            throw DecodingError.keyNotFound(SuperKey(), .init(codingPath: codingPath, debugDescription: "no \(name)"))
        }
        return RecordDecoder(reader: reader, offset: offset, codingPath: codingPath)
    }

    private func value(_ key: Key) throws -> Int {
        guard let offset = box.entries.value(named: key.stringValue) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "the record has no \(key.stringValue)"))
        }
        return offset
    }

    private struct SuperKey: CodingKey {
        var stringValue: String { "super" }
        var intValue: Int? { nil }
        init() {}
        init?(stringValue _: String) { nil }
        init?(intValue _: Int) { nil }
    }
}

struct UnkeyedRecordReader: UnkeyedDecodingContainer {
    let reader: RecordReader
    let codingPath: [any CodingKey]
    let count: Int?
    private(set) var currentIndex = 0
    private var cursor: Int
    private let end: Int

    init(reader: RecordReader, offset: Int, codingPath: [any CodingKey]) throws {
        self.reader = reader
        self.codingPath = codingPath
        let content = try reader.content(of: .unkeyed, at: offset, codingPath)
        cursor = content.lowerBound
        count = Int(clamping: try reader.varint(&cursor, codingPath))
        end = content.upperBound
    }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    mutating func decodeNil() throws -> Bool {
        guard try reader.tag(at: try next(peek: true), codingPath) == .null else { return false }
        _ = try next(peek: false)
        return true
    }

    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try reader.value(type, at: try next(peek: false), path: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try KeyedRecordReader<NestedKey>(reader: reader, offset: try next(peek: false), codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedRecordReader(reader: reader, offset: try next(peek: false), codingPath: codingPath)
    }

    mutating func superDecoder() throws -> any Decoder {
        RecordDecoder(reader: reader, offset: try next(peek: false), codingPath: codingPath)
    }

    /// The offset of the current element; unless peeking, moves past it.
    private mutating func next(peek: Bool) throws -> Int {
        guard !isAtEnd, cursor < end else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "no more elements"))
        }
        let offset = cursor
        if !peek {
            cursor = try reader.end(ofValueAt: offset, codingPath)
            currentIndex += 1
        }
        return offset
    }
}

struct SingleRecordReader: SingleValueDecodingContainer {
    let reader: RecordReader
    let offset: Int
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        (try? reader.tag(at: offset, codingPath)) == .null
    }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try reader.value(type, at: offset, path: codingPath)
    }
}
