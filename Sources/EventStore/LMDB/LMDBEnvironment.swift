import CLMDB
import Foundation

/// One LMDB environment (a `data.mdb` and its `lock.mdb`) and the size of its memory map.
///
/// The only owner of the `MDB_env` pointer. Reads may run on any thread (`MDB_NOTLS`, since Swift tasks
/// hop threads); the map only grows under the resize gate's exclusive side.
final class LMDBEnvironment: @unchecked Sendable {
    let pointer: OpaquePointer
    let gate = ResizeGate()
    /// Touched only by the writer thread, under the gate's exclusive side (or before any reader exists).
    private(set) var mapSize: Int
    private var isClosed = false
    private let pageSize: Int
    /// Writer thread only, like `mapSize`.
    private let tail: ZeroedTail

    init(directory: String, initialMapSize: Int, maxTables: UInt32) throws(EventStoreError) {
        var environment: OpaquePointer?
        try LMDBResult.check(mdb_env_create(&environment), "mdb_env_create")
        guard let environment else { throw LMDBResult.error(ENOMEM, "mdb_env_create") }
        mdb_env_set_maxdbs(environment, maxTables)
        mdb_env_set_maxreaders(environment, 1_024)
        mdb_env_set_mapsize(environment, initialMapSize)
        let code = mdb_env_open(environment, directory, UInt32(MDB_NOTLS), 0o644)
        guard code == MDB_SUCCESS else {
            mdb_env_close(environment)
            throw LMDBEnvironment.openError(code, directory: directory)
        }
        var info = MDB_envinfo()
        mdb_env_info(environment, &info)
        var stat = MDB_stat()
        mdb_env_stat(environment, &stat)
        pointer = environment
        mapSize = info.me_mapsize
        pageSize = Int(stat.ms_psize)
        tail = ZeroedTail(dataFile: directory + "/data.mdb")
        // An existing log opens with a map no larger than its file, so the first commit that needs one
        // page more would fail and run again after the map grew (a whole chunk of a rebuild): with no
        // transaction yet, the map is given room now. It is address space; the file grows only as pages
        // are written. Should that fail, the first commit grows the map as any other would.
        if usedBytes * 2 > mapSize {
            try? grow()
        }
    }

    /// The bytes of `data.mdb` that the last commit's pages reach.
    private var usedBytes: Int {
        var info = MDB_envinfo()
        mdb_env_info(pointer, &info)
        return (info.me_last_pgno + 1) * pageSize
    }

    /// Doubles the map (at least to `minimum`). Call only on the writer thread, outside any transaction.
    func grow(toAtLeast minimum: Int = 0) throws(EventStoreError) {
        let target = max(mapSize * 2, minimum)
        try gate.exclusive { () throws(EventStoreError) in
            try LMDBResult.check(mdb_env_set_mapsize(pointer, target), "mdb_env_set_mapsize")
        }
        var info = MDB_envinfo()
        mdb_env_info(pointer, &info)
        mapSize = info.me_mapsize
    }

    /// Keeps zeros written ahead of the used pages (see `ZeroedTail`). Call only on the writer thread,
    /// outside any transaction.
    func zeroAhead() {
        tail.extend(pastUsed: usedBytes, limit: mapSize)
    }

    /// Waits for running readers, then closes the environment (the writer has stopped by then). Later reads
    /// fail with `.closed`.
    func close() {
        gate.exclusive {
            guard !isClosed else { return }
            isClosed = true
            mdb_env_close(pointer)
            tail.close()
        }
    }

    /// Runs `body` in a read-only transaction; the transaction and every pointer it handed out end with it.
    func read<Result>(_ body: (OpaquePointer) throws -> Result) throws -> Result {
        try gate.shared {
            guard !isClosed else { throw EventStoreError.closed }
            var transaction: OpaquePointer?
            try LMDBResult.check(mdb_txn_begin(pointer, nil, UInt32(MDB_RDONLY), &transaction), "mdb_txn_begin")
            guard let transaction else { throw LMDBResult.error(ENOMEM, "mdb_txn_begin") }
            defer { mdb_txn_abort(transaction) }
            return try body(transaction)
        }
    }

    private static func openError(_ code: Int32, directory: String) -> EventStoreError {
        switch code {
        case MDB_INVALID, MDB_VERSION_MISMATCH:
            .notAPagerlogDirectory(path: directory, reason: "data.mdb is not an LMDB file this build can read")
        default:
            LMDBResult.error(code, "mdb_env_open(\(directory))")
        }
    }
}

extension LMDBEnvironment {
    /// Runs `body` in the write transaction and commits it. Only the writer thread (or `open`, before the
    /// writer starts) calls this: LMDB has one writer, and it is bound to the thread that began it.
    func write<Result>(tables: TableRegistry, _ body: (WriteTransaction) throws -> Result) throws -> Result {
        var transaction: OpaquePointer?
        try LMDBResult.check(mdb_txn_begin(pointer, nil, 0, &transaction), "mdb_txn_begin")
        guard let transaction else { throw LMDBResult.error(ENOMEM, "mdb_txn_begin") }
        let opened = OpenedTables()
        let result: Result
        do {
            result = try body(WriteTransaction(handle: transaction, tables: tables, opened: opened))
        } catch {
            mdb_txn_abort(transaction)
            throw error
        }
        // mdb_txn_commit frees the transaction whether or not it succeeds.
        try LMDBResult.check(mdb_txn_commit(transaction), "mdb_txn_commit")
        tables.register(opened)
        return result
    }
}
