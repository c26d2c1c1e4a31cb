import CLMDB

/// LMDB return codes as typed errors.
enum LMDBResult {
    /// Throws `EventStoreError.storage` unless `code` is `MDB_SUCCESS`.
    @inline(__always)
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(EventStoreError) {
        guard code == MDB_SUCCESS else { throw error(code, operation()) }
    }

    static func error(_ code: Int32, _ operation: String) -> EventStoreError {
        .storage(operation: operation, code: code, message: String(cString: mdb_strerror(code)))
    }
}

extension EventStoreError {
    /// The map is full: the writer grows it and tries the transaction again.
    var isMapFull: Bool {
        if case .storage(_, let code, _) = self { return code == MDB_MAP_FULL }
        return false
    }
}
