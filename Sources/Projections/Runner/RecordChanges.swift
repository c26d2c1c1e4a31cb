import EventStore

/// What a batch's folds changed in a projection's tables, encoded and ready to write: the records to
/// store or delete, and the index keys to move. All of it in one buffer, which LMDB copies from.
struct RecordChanges: Sendable {
    /// Each stored record's bytes, one after the other.
    private var bytes: [UInt8] = []
    private var writes: [Write] = []

    /// One record: stored (from `value`'s range of `bytes`) or deleted (`nil`), and its index key moved.
    private struct Write: Sendable {
        let table: Table
        let key: [UInt8]
        let value: Range<Int>?
        let index: IndexMove?
    }

    /// An `IndexedRecord`'s index key, from where the stored record had it to where the new one has it.
    struct IndexMove: Sendable {
        let table: Table
        let stored: [UInt8]?
        let current: [UInt8]?
    }

    /// Adds the record under `key`: `encode` appends its bytes and says whether there is one to store
    /// (`false` deletes the key).
    mutating func add(_ table: Table, _ key: [UInt8], index: IndexMove?, encode: (inout [UInt8]) throws -> Bool) throws {
        let start = bytes.count
        let stores = try encode(&bytes)
        writes.append(Write(table: table, key: key, value: stores ? start..<bytes.count : nil, index: index))
    }

    /// Adds a value to store under `key` as it is, or, with `nil`, the key to delete: an index entry.
    mutating func add(_ table: Table, _ key: [UInt8], value: [UInt8]?) throws {
        try add(table, key, index: nil) { bytes in
            guard let value else { return false }
            bytes += value
            return true
        }
    }

    /// Writes every change, in the order added.
    func write(to transaction: WriteTransaction) throws {
        try bytes.withUnsafeBytes { bytes in
            for write in writes {
                if let value = write.value {
                    try write.key.withUnsafeBytes { key in
                        try transaction.put(UnsafeRawBufferPointer(rebasing: bytes[value]), forKey: key, in: write.table)
                    }
                } else {
                    try transaction.delete(write.key, in: write.table)
                }
                if let index = write.index { try Self.move(index, in: transaction) }
            }
        }
    }

    /// Moves an index key from where the stored record had it to where the new one has it, if they differ.
    private static func move(_ index: IndexMove, in transaction: WriteTransaction) throws {
        guard index.current != index.stored else { return }
        if let stored = index.stored { try transaction.delete(stored, in: index.table) }
        if let key = index.current { try transaction.put([], forKey: key, in: index.table) }
    }
}
