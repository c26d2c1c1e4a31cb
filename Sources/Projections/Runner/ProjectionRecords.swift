import EventStore
public import Foundation

/// Read models keep their records in their tables as `RecordCoding` bytes, keyed by bytes; a fold writes
/// the same bytes for the same record every time, so a rebuild reproduces the live tables. Records go
/// through the batch's `RecordCache`; a table of records is only ever touched through these.
extension ProjectionTables {
    func put<Value: Encodable>(_ value: Value, forKey key: [UInt8], in table: Table) {
        records.put(value, forKey: key, in: table)
    }

    func get<Value: Codable>(_ type: Value.Type, forKey key: [UInt8], in table: Table) throws -> Value? {
        try records.get(type, forKey: key, in: table, from: reading)
    }

    /// Changes the record under `key` in place and writes it back; `nil`, changing nothing, when there
    /// is none.
    @discardableResult
    func update<Value: Codable, Result>(
        _ type: Value.Type, forKey key: [UInt8], in table: Table, _ change: (inout Value) throws -> Result
    ) throws -> Result? {
        try records.update(type, forKey: key, in: table, from: reading, change)
    }

    func delete(_ key: [UInt8], in table: Table) {
        records.delete(key, in: table)
    }

    /// `put`, for a new record that also has a key in `index` (an `IndexedRecord`): the key is written
    /// when the batch is. Such a record's every change goes through these indexed calls.
    func put<Value: IndexedRecord>(_ value: Value, forKey key: [UInt8], in table: Table, indexedIn index: Table) {
        records.put(value, forKey: key, in: table, indexedIn: index)
    }

    /// `update`, for a record that also has a key in `index`: the key moves once, when the batch is
    /// written, from where the stored record had it to where the record's last value has it.
    @discardableResult
    func update<Value: IndexedRecord, Result>(
        _ type: Value.Type, forKey key: [UInt8], in table: Table, indexedIn index: Table, _ change: (inout Value) throws -> Result
    ) throws -> Result? {
        try records.update(type, forKey: key, in: table, indexedIn: index, from: reading, change)
    }
}

extension ProjectionReader {
    func get<Value: Decodable>(_ type: Value.Type, forKey key: [UInt8], in table: String) throws -> Value? {
        guard let table = self.table(table) else { return nil }
        return try transaction.withValue(in: table, forKey: key) { try RecordCoding.decode(type, from: $0) }
    }
}

extension JSONEncoder {
    /// Sorted keys, unescaped slashes: the same value always gives the same bytes. `CanonicalJSON` writes
    /// event payloads and the gateway's answers exactly as this encoder would, and hands it what it does not
    /// write itself. One for every use: JSONEncoder is thread-safe, and setting one up for each would cost
    /// more than encoding some values.
    public static let canonical: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// Keys built from ids and numbers.
enum ProjectionKey {
    static func id(_ id: TypeID) -> [UInt8] {
        id.utf8
    }

    /// The bytes `number(_:)` takes.
    static let numberSize = MemoryLayout<UInt64>.size

    /// Big-endian with the sign bit flipped, so that keys sort like the numbers, negative ones first.
    static func number(_ number: Int64) -> [UInt8] {
        self.number(number, followedBy: [])
    }

    /// `number(number) + suffix`, made at its full size at once: a heartbeat makes two such keys.
    static func number(_ number: Int64, followedBy suffix: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: numberSize + suffix.count) { bytes, count in
            UnsafeMutableRawBufferPointer(bytes).storeBytes(of: (UInt64(bitPattern: number) ^ signBit).bigEndian, as: UInt64.self)
            _ = UnsafeMutableBufferPointer(rebasing: bytes[numberSize...]).initialize(from: suffix)
            count = bytes.count
        }
    }

    /// The number written by `number(_:)` at `offset` of `key`.
    static func number(in key: UnsafeRawBufferPointer, at offset: Int) -> Int64 {
        Int64(bitPattern: UInt64(bigEndian: key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) ^ signBit)
    }

    private static let signBit: UInt64 = 1 << 63

    /// `scope ‖ 0x00 ‖ name`: a name unique within one organization.
    static func scoped(_ scope: TypeID, _ name: String) -> [UInt8] {
        id(scope) + [0] + Array(name.utf8)
    }
}
