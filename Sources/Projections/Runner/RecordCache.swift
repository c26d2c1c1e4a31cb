import EventStore

/// The records a batch of events has read or changed, decoded once and encoded once.
///
/// A projection's fold reads a record, changes it and writes it back for every event; within one group
/// commit (or one chunk of a rebuild) the same records come up again and again, a server's heartbeat state
/// or a notification going through its lifecycle. The cache keeps them decoded, each in a box of its
/// type that `update` changes in place, until the batch ends, then writes each changed one, in the same
/// transaction, before it commits.
final class RecordCache {
    /// Open addressing with linear probing, at most half full. A `Dictionary` of `(table, bytes)` spent
    /// more on SipHash (seeding a hasher, feeding it the key, finalizing) than on finding the slot: a
    /// fifth of a rebuild writer's time, for keys that are ids it made itself. A batch's cache holds one
    /// batch's keys, so however its keys fall, its probes are bounded by the batch.
    private var slots = [Slot](repeating: Slot(), count: 64)
    private var occupied = 0

    private struct Slot {
        /// `nil` for a free slot.
        var table: Table?
        var hash: UInt64 = 0
        var key: [UInt8] = []
        /// `nil` when the cache holds nothing for the key: it is read from the table on first use.
        var entry: CachedRecord?
    }

    func get<Value: Codable>(_ type: Value.Type, forKey key: [UInt8], in table: Table, from transaction: WriteTransaction) throws -> Value? {
        try cached(type, key, in: table, from: transaction)?.value
    }

    /// Changes the record in place, if there is one; `nil` when there is none.
    func update<Value: Codable, Result>(
        _ type: Value.Type, forKey key: [UInt8], in table: Table, from transaction: WriteTransaction,
        _ change: (inout Value) throws -> Result
    ) throws -> Result? {
        guard let record = try cached(type, key, in: table, from: transaction) else { return nil }
        record.isChanged = true
        return try change(&record.value)
    }

    func put<Value: Encodable>(_ value: Value, forKey key: [UInt8], in table: Table) {
        slots[slot(for: key, in: table)].entry = Record(value, isChanged: true)
    }

    func delete(_ key: [UInt8], in table: Table) {
        slots[slot(for: key, in: table)].entry = CachedRecord(isChanged: true)
    }

    func putKey(_ key: [UInt8], in table: Table) {
        let index = slot(for: key, in: table)
        slots[index].entry = KeyOnly(replacing: slots[index].entry)
    }

    /// Takes back a `putKey` of this batch, as if it had never been made; deletes the key if this batch did
    /// not put it. Only for keys the table cannot have held before the batch put them, unless the batch
    /// deleted them first (a deadline index whose one key per record is the record's stored deadline).
    func withdrawKey(_ key: [UInt8], in table: Table) {
        let index = slot(for: key, in: table)
        if let put = slots[index].entry as? KeyOnly {
            slots[index].entry = put.replaced
        } else {
            slots[index].entry = CachedRecord(isChanged: true)
        }
    }

    /// Writes every changed record and forgets them all.
    func flush(to transaction: WriteTransaction) throws {
        for index in slots.indices {
            guard let table = slots[index].table, let record = slots[index].entry, record.isChanged else { continue }
            if let bytes = try record.encoded() {
                try transaction.put(bytes, forKey: slots[index].key, in: table)
            } else {
                try transaction.delete(slots[index].key, in: table)
            }
        }
        slots = [Slot](repeating: Slot(), count: 64)
        occupied = 0
    }

    /// The record under `key`, read from the table on first use; `nil` if there is none (or it is of
    /// another type).
    private func cached<Value: Codable>(
        _ type: Value.Type, _ key: [UInt8], in table: Table, from transaction: WriteTransaction
    ) throws -> Record<Value>? {
        let index = slot(for: key, in: table)
        if let entry = slots[index].entry { return Self.record(entry, of: type) }
        let value = try transaction.withValue(in: table, forKey: key) { try RecordCoding.decode(type, from: $0) }
        let entry = value.map { Record($0, isChanged: false) } ?? CachedRecord(isChanged: false)
        slots[index].entry = entry
        return Self.record(entry, of: type)
    }

    /// `entry` as a record of `Value`, if it is one: `Record` is final, so its exact type says, without
    /// the runtime's general cast.
    private static func record<Value>(_ entry: CachedRecord, of _: Value.Type) -> Record<Value>? {
        type(of: entry) == Record<Value>.self ? unsafeDowncast(entry, to: Record<Value>.self) : nil
    }

    /// The index of the slot holding `key` of `table`, taken for it (with no entry yet) if there was none.
    private func slot(for key: [UInt8], in table: Table) -> Int {
        if (occupied + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while let held = slots[index].table {
            if slots[index].hash == hash, held == table, slots[index].key == key { return index }
            index = (index + 1) & mask
        }
        slots[index].table = table
        slots[index].hash = hash
        slots[index].key = key
        occupied += 1
        return index
    }

    /// Twice the slots, each entry moved (swapped with a free slot, not copied and released).
    private func grow() {
        var old = [Slot](repeating: Slot(), count: slots.count * 2)
        swap(&old, &slots)
        let mask = slots.count - 1
        for index in old.indices where old[index].table != nil {
            var target = Int(truncatingIfNeeded: old[index].hash) & mask
            while slots[target].table != nil { target = (target + 1) & mask }
            swap(&slots[target], &old[index])
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
