import CLMDB

/// What a transaction may do: `ReadOnly` snapshots for readers, `ReadWrite` for the single writer.
public protocol TransactionAccess {}

/// A consistent read-only snapshot: readers never block the writer, and the writer never blocks readers.
public enum ReadOnly: TransactionAccess {}

/// The single write transaction in flight, as the writer thread hands it to a log hook or a write job.
public enum ReadWrite: TransactionAccess {}

public typealias ReadTransaction = Transaction<ReadOnly>
public typealias WriteTransaction = Transaction<ReadWrite>

/// Which way a scan walks a table's keys.
public enum ScanDirection: Sendable {
    case forward
    case backward
}

/// An LMDB transaction over the log's environment, valid inside the closure that received it.
///
/// Byte buffers handed to a closure point into the memory map and are valid only during that call.
/// Writing is in the `ReadWrite` extension, so a reader cannot even name it.
public struct Transaction<Access: TransactionAccess> {
    let handle: OpaquePointer
    let tables: TableRegistry
    /// Tables a write transaction opened: registered for readers only once it commits.
    let opened: OpenedTables?

    /// A table opened earlier (by this transaction or a committed one), or `nil` if it does not exist.
    public func existingTable(named name: String) -> Table? {
        opened?.table(named: name) ?? tables.table(named: name)
    }

    /// LMDB's key size limit (its default build): no longer or empty key can be stored.
    public static var maxKeySize: Int { 511 }

    /// Calls `body` with the value stored under `key`; `nil` when there is none (always, for a key too long
    /// or too short to be stored: lookups take keys straight from requests).
    public func withValue<Result>(
        in table: Table, forKey key: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) throws -> Result? {
        guard (1...Self.maxKeySize).contains(key.count) else { return nil }
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var data = MDB_val()
        let code = mdb_get(handle, table.handle, &keyValue, &data)
        if code == MDB_NOTFOUND { return nil }
        try LMDBResult.check(code, "mdb_get(\(table.name))")
        return try body(UnsafeRawBufferPointer(start: data.mv_data, count: data.mv_size))
    }

    /// Calls `body` with the value stored under the byte-array `key`; `nil` when there is none.
    public func withValue<Result>(
        in table: Table, forKey key: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> Result
    ) throws -> Result? {
        try key.withUnsafeBytes { key in try withValue(in: table, forKey: key, body) }
    }

    /// The value under `key`, copied out of the map.
    public func value(in table: Table, forKey key: [UInt8]) throws -> [UInt8]? {
        try withValue(in: table, forKey: key) { Array($0) }
    }

    /// Walks the table from `key` (inclusive) in `direction`, calling `body` with each key and value until it
    /// returns `false` or the table ends. Backward from `key` starts at the greatest key not above it.
    public func scan(
        _ table: Table, from key: UnsafeRawBufferPointer, direction: ScanDirection,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try walk(table, from: key, direction, body)
    }

    /// Walks the table from `key` (inclusive; the first or last key when `nil`), as `scan(_:from:direction:_:)`.
    public func scan(
        _ table: Table, from key: [UInt8]? = nil, direction: ScanDirection = .forward,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        guard let key else { return try walk(table, from: nil, direction, body) }
        try key.withUnsafeBytes { try walk(table, from: $0, direction, body) }
    }

    private func walk(
        _ table: Table, from start: UnsafeRawBufferPointer?, _ direction: ScanDirection,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var cursor: OpaquePointer?
        try LMDBResult.check(mdb_cursor_open(handle, table.handle, &cursor), "mdb_cursor_open(\(table.name))")
        defer { mdb_cursor_close(cursor) }
        var key = MDB_val()
        var data = MDB_val()
        var code = Self.position(cursor, &key, &data, start, direction)
        let step = direction == .forward ? MDB_NEXT : MDB_PREV
        while code == MDB_SUCCESS {
            let keyBytes = UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size)
            let dataBytes = UnsafeRawBufferPointer(start: data.mv_data, count: data.mv_size)
            guard try body(keyBytes, dataBytes) else { return }
            code = mdb_cursor_get(cursor, &key, &data, step)
        }
        guard code == MDB_NOTFOUND else { throw LMDBResult.error(code, "mdb_cursor_get(\(table.name))") }
    }

    /// The names of the tables in the environment that start with `prefix`, sorted.
    public func tableNames(withPrefix prefix: String) throws -> [String] {
        var main: MDB_dbi = 0
        try LMDBResult.check(mdb_dbi_open(handle, nil, 0, &main), "mdb_dbi_open(main)")
        var names: [String] = []
        let start = Array(prefix.utf8)
        // LMDB has no empty key to seek to: an empty prefix walks from the first name.
        try scan(Table(name: "main", handle: main), from: start.isEmpty ? nil : start) { key, _ in
            guard key.starts(with: start) else { return false }
            names.append(String(decoding: key, as: UTF8.self))
            return true
        }
        return names
    }

    /// How many entries the table holds.
    public func entryCount(of table: Table) throws -> Int {
        var stat = MDB_stat()
        try LMDBResult.check(mdb_stat(handle, table.handle, &stat), "mdb_stat(\(table.name))")
        return stat.ms_entries
    }

    /// Puts the cursor on the first entry of the scan.
    private static func position(
        _ cursor: OpaquePointer?, _ key: inout MDB_val, _ data: inout MDB_val,
        _ start: UnsafeRawBufferPointer?, _ direction: ScanDirection
    ) -> Int32 {
        guard let start else { return mdb_cursor_get(cursor, &key, &data, direction == .forward ? MDB_FIRST : MDB_LAST) }
        key = MDB_val(mv_size: start.count, mv_data: UnsafeMutableRawPointer(mutating: start.baseAddress))
        let code = mdb_cursor_get(cursor, &key, &data, MDB_SET_RANGE)
        guard direction == .backward else { return code }
        if code == MDB_NOTFOUND { return mdb_cursor_get(cursor, &key, &data, MDB_LAST) }
        guard code == MDB_SUCCESS else { return code }
        let found = UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size)
        return found.elementsEqual(start) ? code : mdb_cursor_get(cursor, &key, &data, MDB_PREV)
    }
}
