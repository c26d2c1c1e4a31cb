import EventStore

/// The records a batch of events has read or changed, decoded once and encoded once.
///
/// A projection's fold reads a record, changes it and writes it back for every event; within one group
/// commit (or one chunk of a rebuild) the same records come up again and again, a server's heartbeat state
/// or a notification going through its lifecycle. The cache keeps them decoded, each in a box of its
/// type that `update` changes in place, until the batch ends, then writes each changed one, in the same
/// transaction, before it commits.
final class RecordCache {
    // A hash table of its own: a `Dictionary` of `(table, bytes)` spent more on SipHash (seeding a
    // hasher, feeding it the key, finalizing) than on finding the entry — a fifth of a rebuild writer's
    // time, for keys that are ids it made itself. The entries are kept densely, in the order first
    // touched; `index` finds them by open addressing with linear probing, at most half full, and is all
    // that is made again when it grows. A batch's cache holds one batch's keys, so however they fall, its
    // probes are bounded by the batch.
    private var entries: [Entry] = []
    /// 1 + the position in `entries` of the key hashed to each slot; 0 for a free slot.
    private var index: [Int32] = []
    /// The slots of the first index: enough for the keys expected without growing.
    private let initialSlots: Int

    private struct Entry {
        let table: Table
        let hash: UInt64
        let key: [UInt8]
        /// `nil` when the cache holds nothing for the key: it is read from the table on first use.
        var record: CachedRecord?
        /// For an `IndexedRecord`, where its index key is to be moved from, and how to find where to.
        var index: RecordIndex?
    }

    /// The index key of one `IndexedRecord` of the batch: where the stored record has it, and the key of
    /// whatever the entry holds when the batch is written.
    private struct RecordIndex {
        let table: Table
        let stored: [UInt8]?
        let current: (CachedRecord) -> [UInt8]?
    }

    /// `expectedKeys`: about how many keys the batch will touch. A rebuild's chunk of thousands of events
    /// would otherwise grow the index from a few slots, again and again.
    init(expectedKeys: Int) {
        initialSlots = max(16, (2 * max(1, expectedKeys)).roundedUpToPowerOfTwo)
    }

    func get<Value: Codable>(_ type: Value.Type, forKey key: [UInt8], in table: Table, from transaction: ReadTransaction) throws -> Value? {
        try cached(type, key, in: table, from: transaction)?.value
    }

    /// Changes the record in place, if there is one; `nil` when there is none.
    func update<Value: Codable, Result>(
        _ type: Value.Type, forKey key: [UInt8], in table: Table, from transaction: ReadTransaction,
        _ change: (inout Value) throws -> Result
    ) throws -> Result? {
        guard let record = try cached(type, key, in: table, from: transaction) else { return nil }
        record.isChanged = true
        return try change(&record.value)
    }

    func put<Value: Encodable>(_ value: Value, forKey key: [UInt8], in table: Table) {
        entries[entry(for: key, in: table)].record = Record(value, isChanged: true)
    }

    func delete(_ key: [UInt8], in table: Table) {
        entries[entry(for: key, in: table)].record = CachedRecord(isChanged: true)
    }

    /// `update`, for a record with a key in `index` too: the key is moved when the batch is written.
    func update<Value: IndexedRecord, Result>(
        _ type: Value.Type, forKey key: [UInt8], in table: Table, indexedIn index: Table, from transaction: ReadTransaction,
        _ change: (inout Value) throws -> Result
    ) throws -> Result? {
        let position = entry(for: key, in: table)
        guard let record = try cached(type, at: position, from: transaction) else { return nil }
        // As it is stored, unless the batch made it.
        noteIndex(of: Value.self, at: position, in: index, storedAt: record.isChanged ? nil : record.value.indexKey(recordKey: key))
        record.isChanged = true
        return try change(&record.value)
    }

    /// `put`, for a new record with a key in `index` too, which the table cannot hold yet.
    func put<Value: IndexedRecord>(_ value: Value, forKey key: [UInt8], in table: Table, indexedIn index: Table) {
        let position = entry(for: key, in: table)
        entries[position].record = Record(value, isChanged: true)
        noteIndex(of: Value.self, at: position, in: index, storedAt: nil)
    }

    /// On an entry's first indexed use in the batch, where the stored record has its index key (`stored`),
    /// and how to find where its last value has it.
    private func noteIndex<Value: IndexedRecord>(
        of _: Value.Type, at position: Int, in table: Table, storedAt stored: @autoclosure () -> [UInt8]?
    ) {
        guard entries[position].index == nil else { return }
        let key = entries[position].key
        entries[position].index = RecordIndex(table: table, stored: stored()) {
            Self.record($0, of: Value.self)?.value.indexKey(recordKey: key)
        }
    }

    /// Adds every changed record to `changes`, encoded, in the order first touched; the cache forgets them
    /// all. Encoding needs no transaction, so a fold run away from the writer hands its changes over this way.
    func takeChanges(into changes: inout RecordChanges) throws {
        for position in entries.indices {
            guard let record = entries[position].record, record.isChanged else { continue }
            let index = entries[position].index.map { index in
                RecordChanges.IndexMove(table: index.table, stored: index.stored, current: index.current(record))
            }
            try changes.add(entries[position].table, entries[position].key, index: index) { bytes in
                try record.encode(into: &bytes)
            }
        }
        entries = []
        index = []
    }

    /// The record under `key`, read from the table on first use; `nil` if there is none (or it is of
    /// another type).
    private func cached<Value: Codable>(
        _ type: Value.Type, _ key: [UInt8], in table: Table, from transaction: ReadTransaction
    ) throws -> Record<Value>? {
        try cached(type, at: entry(for: key, in: table), from: transaction)
    }

    /// The record of the entry at `position`, read from its table on first use.
    private func cached<Value: Codable>(_ type: Value.Type, at position: Int, from transaction: ReadTransaction) throws -> Record<Value>? {
        if let record = entries[position].record { return Self.record(record, of: type) }
        let value = try transaction.withValue(in: entries[position].table, forKey: entries[position].key) {
            try RecordCoding.decode(type, from: $0)
        }
        let record = value.map { Record($0, isChanged: false) } ?? CachedRecord(isChanged: false)
        entries[position].record = record
        return Self.record(record, of: type)
    }

    /// `record` as a record of `Value`, if it is one: `Record` is final, so its exact type says, without
    /// the runtime's general cast.
    private static func record<Value>(_ record: CachedRecord, of _: Value.Type) -> Record<Value>? {
        type(of: record) == Record<Value>.self ? unsafeDowncast(record, to: Record<Value>.self) : nil
    }

    /// The position in `entries` of `key` of `table`, added (with no record yet) if it was not there.
    private func entry(for key: [UInt8], in table: Table) -> Int {
        if 2 * (entries.count + 1) > index.count { grow() }
        let hash = Self.hash(key)
        let mask = index.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while index[slot] != 0 {
            let position = Int(index[slot]) - 1
            if entries[position].hash == hash, entries[position].table == table, entries[position].key == key { return position }
            slot = (slot + 1) & mask
        }
        entries.append(Entry(table: table, hash: hash, key: key))
        index[slot] = Int32(entries.count)
        return entries.count - 1
    }

    /// The first index, or one twice as large, with every entry placed in it again.
    private func grow() {
        if index.isEmpty { entries.reserveCapacity(initialSlots / 2) }
        index = [Int32](repeating: 0, count: max(initialSlots, 2 * index.count))
        let mask = index.count - 1
        for position in entries.indices {
            var slot = Int(truncatingIfNeeded: entries[position].hash) & mask
            while index[slot] != 0 { slot = (slot + 1) & mask }
            index[slot] = Int32(position + 1)
        }
    }

    /// A process's keys hash differently from another's.
    private static let seed = UInt64.random(in: .min ... .max)

    /// The key's bytes eight at a time, each word multiplied in, then mixed so that every bit of the
    /// key reaches the low bits that pick the slot (the finalizer of SplitMix64).
    private static func hash(_ key: [UInt8]) -> UInt64 {
        key.withUnsafeBytes { bytes in
            var hash = seed ^ UInt64(bytes.count)
            var offset = 0
            while offset + 8 <= bytes.count {
                hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
                offset += 8
            }
            var tail: UInt64 = 0
            for byte in bytes[offset...] { tail = tail << 8 | UInt64(byte) }
            hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
            hash = (hash ^ hash >> 30) &* 0xBF58_476D_1CE4_E5B9
            hash = (hash ^ hash >> 27) &* 0x94D0_49BB_1331_11EB
            return hash ^ hash >> 31
        }
    }
}

/// An entry of the cache with no record: one that is not in its table, or has been deleted.
private class CachedRecord {
    var isChanged: Bool

    init(isChanged: Bool) {
        self.isChanged = isChanged
    }

    /// Appends the bytes to store to `bytes`; `false` to delete the key instead.
    func encode(into bytes: inout [UInt8]) throws -> Bool { false }
}

/// A record of the cache, decoded, in a box of its own type so that it changes in place.
private final class Record<Value: Encodable>: CachedRecord {
    var value: Value

    init(_ value: Value, isChanged: Bool) {
        self.value = value
        super.init(isChanged: isChanged)
    }

    override func encode(into bytes: inout [UInt8]) throws -> Bool {
        try RecordCoding.encode(value, into: &bytes)
        return true
    }
}

extension Int {
    /// The smallest power of two at least this (which must be positive and not above `Int.max / 2`).
    fileprivate var roundedUpToPowerOfTwo: Int {
        self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount)
    }
}
