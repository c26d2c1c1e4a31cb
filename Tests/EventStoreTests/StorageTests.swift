import CLMDB
import EventStore
import Fixtures
import Foundation
import Testing

@Suite("Storage")
struct StorageTests {
    @Test("the map grows by itself past its initial size")
    func mapGrowth() async throws {
        let initial = 1 << 20
        try await withTemporaryLog(.init(initialMapSize: initial)) { log, _ in
            let payload = #"{"output":"\#(String(repeating: "x", count: 400))"}"#
            for _ in 0..<40 {
                _ = try await log.append((0..<250).map { _ in event(payload: payload) }, to: "big")
            }
            #expect(log.mapSize > initial)
            #expect(log.headPosition == 10_000)
            #expect(try log.event(at: 10_000)?.payload == Data(payload.utf8))
            #expect(try log.verify().isIntact)
        }
    }

    @Test("a directory with other files and no log is refused")
    func foreignFiles() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory.path + "/notes.txt", contents: Data("hi".utf8))
        #expect(throws: EventStoreError.notAPagerlogDirectory(path: directory.path, reason: "it holds other files and no data.mdb")) {
            try LMDBEventLog.open(directory: directory.path)
        }
    }

    @Test("a data.mdb that is not LMDB is refused")
    func garbageDataFile() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory.path + "/data.mdb", contents: Data(repeating: 0x5a, count: 16_384))
        #expect {
            try LMDBEventLog.open(directory: directory.path)
        } throws: { error in
            guard case EventStoreError.notAPagerlogDirectory = error else { return false }
            return true
        }
    }

    @Test("an LMDB environment written by another program is refused")
    func foreignEnvironment() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        try writeForeignEnvironment(at: directory.path)
        #expect(throws: EventStoreError.notAPagerlogDirectory(
            path: directory.path, reason: "it holds an LMDB environment that Pagerlog did not create")) {
            try LMDBEventLog.open(directory: directory.path)
        }
    }

    @Test("a file where the directory should be is refused")
    func fileInsteadOfDirectory() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        _ = FileManager.default.createFile(atPath: directory.path, contents: Data("x".utf8))
        #expect(throws: EventStoreError.self) { try LMDBEventLog.open(directory: directory.path) }
    }

    /// Another program's LMDB environment: one key in the main database.
    private func writeForeignEnvironment(at path: String) throws {
        var environment: OpaquePointer?
        #expect(mdb_env_create(&environment) == 0)
        defer { mdb_env_close(environment) }
        #expect(mdb_env_open(environment, path, 0, 0o644) == 0)
        var transaction: OpaquePointer?
        #expect(mdb_txn_begin(environment, nil, 0, &transaction) == 0)
        var database: MDB_dbi = 0
        #expect(mdb_dbi_open(transaction, nil, 0, &database) == 0)
        var keyBytes = Array("someone-else".utf8)
        var valueBytes = Array("data".utf8)
        try keyBytes.withUnsafeMutableBytes { key in
            try valueBytes.withUnsafeMutableBytes { value in
                var keyValue = MDB_val(mv_size: key.count, mv_data: key.baseAddress)
                var dataValue = MDB_val(mv_size: value.count, mv_data: value.baseAddress)
                try #require(mdb_put(transaction, database, &keyValue, &dataValue, 0) == 0)
            }
        }
        #expect(mdb_txn_commit(transaction) == 0)
    }
}

@Suite("Exclusive use of a data directory")
struct DirectoryLockTests {
    @Test("a directory in use cannot be opened again until the log is closed")
    func exclusive() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let first = try LMDBEventLog.open(directory: directory.path)
        #expect(throws: EventStoreError.alreadyOpen(path: directory.path)) {
            try LMDBEventLog.open(directory: directory.path)
        }
        await first.close()
        let second = try LMDBEventLog.open(directory: directory.path)
        #expect(second.headPosition == 0)
        await second.close()
    }
}
