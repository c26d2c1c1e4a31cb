import EventStore

/// The records a batch of events has read or changed, decoded once and encoded once.
///
/// A projection's fold reads a record, changes it and writes it back for every event; within one group
/// commit (or one chunk of a rebuild) the same records come up again and again, a server's heartbeat state
/// or a notification going through its lifecycle. The cache keeps them decoded, each in a box of its
/// type that `update` changes in place, until the batch ends, then writes each changed one, in the same
/// transaction, before it commits.
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

    private var entries: [Key: CachedRecord] = [:]

    func get<Value: Codable>(_ type: Value.Type, forKey key: [UInt8], in table: Table, from transaction: WriteTransaction) throws -> Value? {
        try cached(type, Key(table: table, bytes: key), from: transaction)?.value
    }

    /// Changes the record in place, if there is one; `nil` when there is none.
    func update<Value: Codable, Result>(
        _ type: Value.Type, forKey key: [UInt8], in table: Table, from transaction: WriteTransaction,
        _ change: (inout Value) throws -> Result
    ) throws -> Result? {
        guard let record = try cached(type, Key(table: table, bytes: key), from: transaction) else { return nil }
        record.isChanged = true
        return try change(&record.value)
    }

    func put<Value: Encodable>(_ value: Value, forKey key: [UInt8], in table: Table) {
        entries[Key(table: table, bytes: key)] = Record(value, isChanged: true)
    }

    func delete(_ key: [UInt8], in table: Table) {
        entries[Key(table: table, bytes: key)] = CachedRecord(isChanged: true)
    }

    func putKey(_ key: [UInt8], in table: Table) {
        let key = Key(table: table, bytes: key)
        entries[key] = KeyOnly(replacing: entries[key])
    }

    /// Takes back a `putKey` of this batch, as if it had never been made; deletes the key if this batch did
    /// not put it. Only for keys the table cannot have held before the batch put them, unless the batch
    /// deleted them first (a deadline index whose one key per record is the record's stored deadline).
    func withdrawKey(_ key: [UInt8], in table: Table) {
        let key = Key(table: table, bytes: key)
        if let put = entries[key] as? KeyOnly {
            entries[key] = put.replaced
        } else {
            entries[key] = CachedRecord(isChanged: true)
        }
    }

    /// Writes every changed record and forgets them all.
    func flush(to transaction: WriteTransaction) throws {
        for (key, record) in entries where record.isChanged {
            if let bytes = try record.encoded() {
                try transaction.put(bytes, forKey: key.bytes, in: key.table)
            } else {
                try transaction.delete(key.bytes, in: key.table)
            }
        }
        entries = [:]
    }

    /// The record under `key`, read from the table on first use; `nil` if there is none (or it is of
    /// another type).
    private func cached<Value: Codable>(_ type: Value.Type, _ key: Key, from transaction: WriteTransaction) throws -> Record<Value>? {
        if let entry = entries[key] { return entry as? Record<Value> }
        let value = try transaction.withValue(in: key.table, forKey: key.bytes) { try RecordCoding.decode(type, from: $0) }
        let entry = value.map { Record($0, isChanged: false) } ?? CachedRecord(isChanged: false)
        entries[key] = entry
        return entry as? Record<Value>
    }
}

/// An entry of the cache with no record: one that is not in its table, or has been deleted.
private class CachedRecord {
    var isChanged: Bool

    init(isChanged: Bool) {
        self.isChanged = isChanged
    }

    /// The bytes to store; `nil` to delete the key.
    func encoded() throws -> [UInt8]? { nil }
}

/// A key stored with an empty value.
private final class KeyOnly: CachedRecord {
    /// What the cache held for the key before this put: `withdrawKey` goes back to it.
    let replaced: CachedRecord?

    init(replacing replaced: CachedRecord?) {
        self.replaced = replaced
        super.init(isChanged: true)
    }

    override func encoded() throws -> [UInt8]? { [] }
}

/// A record of the cache, decoded, in a box of its own type so that it changes in place.
private final class Record<Value: Encodable>: CachedRecord {
    var value: Value

    init(_ value: Value, isChanged: Bool) {
        self.value = value
        super.init(isChanged: isChanged)
    }

    override func encoded() throws -> [UInt8]? {
        try RecordCoding.encode(value)
    }
}
