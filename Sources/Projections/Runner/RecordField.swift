import EventStore

/// A value a `FieldRecord` holds, written and read in `RecordCoding`'s format without Codable: the same
/// bytes `RecordWriter` writes for it.
protocol RecordField {
    func write(into bytes: inout [UInt8])
    init(readingAt offset: Int, in reader: RecordReader) throws
}

extension String: RecordField {
    func write(into bytes: inout [UInt8]) {
        RecordWriter.writeString(self, into: &bytes)
    }

    init(readingAt offset: Int, in reader: RecordReader) throws {
        self = try reader.string(at: offset, [])
    }
}

extension TypeID: RecordField {
    func write(into bytes: inout [UInt8]) {
        RecordWriter.writeTypeID(self, into: &bytes)
    }

    init(readingAt offset: Int, in reader: RecordReader) throws {
        self = try reader.typeID(at: offset, [])
    }
}

extension Timestamp: RecordField {
    func write(into bytes: inout [UInt8]) {
        RecordWriter.writeTimestamp(self, into: &bytes)
    }

    init(readingAt offset: Int, in reader: RecordReader) throws {
        self = try reader.timestamp(at: offset, [])
    }
}

/// An integer: signed or unsigned, as `RecordWriter` writes any integer.
extension RecordField where Self: FixedWidthInteger {
    func write(into bytes: inout [UInt8]) {
        RecordWriter.writeInteger(self, into: &bytes)
    }

    init(readingAt offset: Int, in reader: RecordReader) throws {
        self = try reader.integer(Self.self, at: offset, [])
    }
}

extension Int64: RecordField {}
extension UInt64: RecordField {}

/// An array: an unkeyed container, as `Array`'s Codable conformance writes it.
extension Array: RecordField where Element: RecordField {
    func write(into bytes: inout [UInt8]) {
        RecordWriter.writeBlock(.unkeyed, into: &bytes) { content in
            RecordWriter.writeVarint(UInt64(count), into: &content)
            for element in self { element.write(into: &content) }
        }
    }

    init(readingAt offset: Int, in reader: RecordReader) throws {
        let content = try reader.content(of: .unkeyed, at: offset, [])
        var cursor = content.lowerBound
        let count = Int(clamping: try reader.varint(&cursor, []))
        // Every element takes at least one byte: a count the content cannot hold is damage, not a size to reserve.
        guard count <= content.upperBound - cursor else { throw reader.corrupt([]) }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            guard cursor < content.upperBound else { throw reader.corrupt([]) }
            elements.append(try Element(readingAt: cursor, in: reader))
            cursor = try reader.end(ofValueAt: cursor, [])
        }
        guard cursor == content.upperBound else { throw reader.corrupt([]) }
        self = elements
    }
}

/// An enum of names: its raw value, as a `String`-backed enum's Codable conformance writes it.
extension RecordField where Self: RawRepresentable, RawValue == String {
    func write(into bytes: inout [UInt8]) {
        RecordWriter.writeString(rawValue, into: &bytes)
    }

    init(readingAt offset: Int, in reader: RecordReader) throws {
        let name = try reader.string(at: offset, [])
        guard let value = Self(rawValue: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(name) is not a \(Self.self)"))
        }
        self = value
    }
}
