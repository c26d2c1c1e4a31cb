import EventStore

/// A record that writes and reads its own `RecordCoding` bytes field by field, instead of through Codable.
///
/// Codable looks up generic metadata and boxes a container for every nested value: a notification's
/// record took about 15 µs to encode and 24 µs to decode that way, and a fold rewrites records like it
/// for nearly every event it applies. A field record writes exactly what its Codable conformance writes
/// (the same keys in the same order, absent optionals left out), so each path reads what the other wrote;
/// `FieldRecordTests` holds the two to the same bytes.
protocol FieldRecord: Codable, RecordField {
    func write(to record: inout RecordFieldWriter)
    init(from record: inout RecordFields) throws
}

extension FieldRecord {
    /// A nested record: a keyed container.
    func write(into bytes: inout [UInt8]) {
        RecordWriter.writeBlock(.keyed, into: &bytes) { content in
            // The writer appends to the record's bytes themselves, handed over and back without a copy.
            var record = RecordFieldWriter()
            swap(&record.content, &content)
            write(to: &record)
            swap(&record.content, &content)
        }
    }

    init(readingAt offset: Int, in reader: RecordReader) throws {
        var record = try RecordFields(reader: reader, offset: offset)
        try self.init(from: &record)
    }
}

/// Writes one record's fields in `RecordCoding`'s format, in the order they are given.
struct RecordFieldWriter {
    fileprivate(set) var content: [UInt8] = []

    mutating func field<Value: RecordField>(_ key: StaticString, _ value: Value) {
        RecordWriter.writeVarint(UInt64(key.utf8CodeUnitCount), into: &content)
        key.withUTF8Buffer { content += $0 }
        value.write(into: &content)
    }

    /// Leaves the field out when it is `nil`, as Codable's `encodeIfPresent` does.
    mutating func field<Value: RecordField>(_ key: StaticString, _ value: Value?) {
        if let value { field(key, value) }
    }
}

/// The fields of one stored record, found by name.
struct RecordFields {
    private var entries: RecordEntries

    init(reader: RecordReader, offset: Int) throws {
        entries = try RecordEntries(reader: reader, offset: offset, path: [])
    }

    mutating func value<Value: RecordField>(_ key: StaticString) throws -> Value {
        guard let value: Value = try optional(key) else {
            throw DecodingError.keyNotFound(FieldKey(key), .init(codingPath: [], debugDescription: "the record has no \(key)"))
        }
        return value
    }

    /// `nil` when the record has no such field, or holds null in it (as Codable's `decodeIfPresent` reads it).
    mutating func optional<Value: RecordField>(_ key: StaticString) throws -> Value? {
        guard let offset = key.withUTF8Buffer({ entries.value(named: UnsafeRawBufferPointer($0)) }) else { return nil }
        return try entries.reader.tag(at: offset, []) == .null ? nil : Value(readingAt: offset, in: entries.reader)
    }

    /// A field's name, for the error that says it is missing.
    private struct FieldKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }

        init(_ key: StaticString) {
            stringValue = "\(key)"
        }

        init?(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue _: Int) { nil }
    }
}
