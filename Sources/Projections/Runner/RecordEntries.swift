import Foundation

/// The entries of one keyed container in `RecordCoding` bytes, found by their key's bytes: what both the
/// Codable decoder (`KeyedRecordReader`) and field records (`RecordFields`) read a record through.
struct RecordEntries {
    let reader: RecordReader
    /// Each entry's key bytes and the offset of its value.
    private(set) var entries: [(key: Range<Int>, value: Int)] = []
    /// Where the next lookup starts: values are read in the order they were written, so the entry after the
    /// last one found is nearly always the next one asked for.
    private var next = 0

    init(reader: RecordReader, offset: Int, path: @autoclosure () -> [any CodingKey]) throws {
        self.reader = reader
        let content = try reader.content(of: .keyed, at: offset, path())
        entries.reserveCapacity(16)
        var cursor = content.lowerBound
        while cursor < content.upperBound {
            let length = Int(clamping: try reader.varint(&cursor, path()))
            let key = cursor..<(try reader.bounded(cursor + length, path()))
            entries.append((key, key.upperBound))
            cursor = try reader.end(ofValueAt: key.upperBound, path())
        }
        guard cursor == content.upperBound else { throw reader.corrupt(path()) }
    }

    /// The offset of the value whose key is `name`; `nil` when there is none.
    mutating func value(named name: UnsafeRawBufferPointer) -> Int? {
        for step in 0..<entries.count {
            let index = (next + step) % entries.count
            if matches(entries[index].key, name) {
                next = index + 1
                return entries[index].value
            }
        }
        return nil
    }

    /// The offset of the value whose key is `name`; `nil` when there is none.
    mutating func value(named name: String) -> Int? {
        var name = name
        return name.withUTF8 { value(named: UnsafeRawBufferPointer($0)) }
    }

    private func matches(_ key: Range<Int>, _ name: UnsafeRawBufferPointer) -> Bool {
        guard key.count == name.count else { return false }
        guard let expected = name.baseAddress, let bytes = reader.bytes.baseAddress else { return name.isEmpty }
        return memcmp(expected, bytes + key.lowerBound, name.count) == 0
    }
}
