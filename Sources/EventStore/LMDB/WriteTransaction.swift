import CLMDB

/// Writing: everything done through a write transaction commits atomically with the events of the same
/// batch, under one fsync.
extension Transaction where Access == ReadWrite {
    /// The table called `name`, created if it does not exist yet.
    public func table(named name: String) throws -> Table {
        if let table = existingTable(named: name) { return table }
        var handle: MDB_dbi = 0
        try LMDBResult.check(mdb_dbi_open(self.handle, name, UInt32(MDB_CREATE), &handle), "mdb_dbi_open(\(name))")
        let table = Table(name: name, handle: handle)
        opened?.add(table)
        return table
    }

    /// Stores `value` under `key`, replacing what was there. `appending` is a promise that `key` sorts after
    /// every key in the table, which lets LMDB skip the search.
    public func put(
        _ value: UnsafeRawBufferPointer, forKey key: UnsafeRawBufferPointer, in table: Table, appending: Bool = false
    ) throws {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var data = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        let flags = appending ? UInt32(MDB_APPEND) : 0
        try LMDBResult.check(mdb_put(handle, table.handle, &keyValue, &data, flags), "mdb_put(\(table.name))")
    }

    public func put(_ value: [UInt8], forKey key: [UInt8], in table: Table) throws {
        try value.withUnsafeBytes { value in try key.withUnsafeBytes { try put(value, forKey: $0, in: table) } }
    }

    /// Removes `key`; `false` if it was not there.
    @discardableResult
    public func delete(_ key: [UInt8], in table: Table) throws -> Bool {
        try key.withUnsafeBytes { key in
            var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
            let code = mdb_del(handle, table.handle, &keyValue, nil)
            if code == MDB_NOTFOUND { return false }
            try LMDBResult.check(code, "mdb_del(\(table.name))")
            return true
        }
    }

    /// The same transaction, for code that only reads: it sees everything written in it so far.
    public var readOnly: ReadTransaction {
        ReadTransaction(handle: handle, tables: tables, opened: opened)
    }

    /// Empties the table, keeping it.
    public func removeAll(in table: Table) throws {
        try LMDBResult.check(mdb_drop(handle, table.handle, 0), "mdb_drop(\(table.name))")
    }
}

extension Transaction where Access == ReadWrite {
    /// `true` when the environment holds no table at all: a directory being set up for the first time.
    func isEnvironmentEmpty() throws -> Bool {
        var main: MDB_dbi = 0
        try LMDBResult.check(mdb_dbi_open(handle, nil, 0, &main), "mdb_dbi_open(main)")
        return try entryCount(of: Table(name: "main", handle: main)) == 0
    }

    /// Whether a table exists, without creating it.
    func hasTable(named name: String) throws -> Bool {
        var table: MDB_dbi = 0
        let code = mdb_dbi_open(handle, name, 0, &table)
        if code == MDB_NOTFOUND { return false }
        try LMDBResult.check(code, "mdb_dbi_open(\(name))")
        opened?.add(Table(name: name, handle: table))
        return true
    }
}
