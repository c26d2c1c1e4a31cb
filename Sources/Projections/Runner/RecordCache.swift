import EventStore

/// The records a batch of events has read or changed, decoded once and encoded once.
///
/// A projection's fold reads a record, changes it and writes it back for every event; within one group
/// commit (or one chunk of a rebuild) the same records come up again and again, a server's heartbeat state
/// or a notification going through its lifecycle. The cache keeps them decoded until the batch ends, then
/// writes each changed one, in the same transaction, before it commits.
final class RecordCache {
    private struct Key: Hashable {
        let table: Table
        let bytes: [UInt8]

        /// The key's bytes hashed as one block: `[UInt8]`'s own hashing feeds the hasher a byte at a time.
        func hash(into hasher: inout Hasher) {
            hasher.combine(table)
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private struct Entry {
        /// `nil` once deleted.
        var value: Any?
        /// How to write the value back; `nil` for an entry that was only read.
        var encode: (() throws -> [UInt8])?
    }

    private var entries: [Key: Entry] = [:]

    func get<Value: Decodable>(_ type: Value.Type, forKey key: [UInt8], in table: Table, from transaction: WriteTransaction) throws -> Value? {
        let cacheKey = Key(table: table, bytes: key)
        if let entry = entries[cacheKey] { return entry.value as? Value }
        let value = try transaction.withValue(in: table, forKey: key) { try RecordCoding.decode(type, from: $0) }
        entries[cacheKey] = Entry(value: value, encode: nil)
        return value
    }

    func put<Value: Encodable>(_ value: Value, forKey key: [UInt8], in table: Table) {
        entries[Key(table: table, bytes: key)] = Entry(value: value, encode: { try RecordCoding.encode(value) })
    }

    func delete(_ key: [UInt8], in table: Table) {
        entries[Key(table: table, bytes: key)] = Entry(value: nil, encode: { [] })
    }

    /// Writes every changed record and forgets them all.
    func flush(to transaction: WriteTransaction) throws {
        for (key, entry) in entries {
            guard let encode = entry.encode else { continue }
            if entry.value == nil {
                try transaction.delete(key.bytes, in: key.table)
            } else {
                try transaction.put(try encode(), forKey: key.bytes, in: key.table)
            }
        }
        entries = [:]
    }
}
