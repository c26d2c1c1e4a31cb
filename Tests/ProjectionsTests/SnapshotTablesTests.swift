import EventStore
import Fixtures
@testable import Projections
import Testing

@Suite("A projection's tables in a read-only snapshot")
struct SnapshotTablesTests {
    private struct Counter: Codable, Equatable {
        var value: Int64
    }

    @Test("records and index entries come back as changes for the writer; a new table or the write transaction is refused")
    func changesComeBackForTheWriter() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try await LMDBEventLog.withOpenLog(directory: directory.path, configuration: .init()) { log in
            try await log.write { transaction in
                let counters = try transaction.table(named: "proj/test/v1/counters")
                _ = try transaction.table(named: "proj/test/v1/index")
                try transaction.put(RecordCoding.encode(Counter(value: 1)), forKey: Array("a".utf8), in: counters)
            }
            let changes = try log.read { snapshot in
                let tables = ProjectionTables(snapshot: snapshot, prefix: "proj/test/v1/", expectedKeys: 4)
                let counters = try tables.table("counters"), index = try tables.table("index")
                try tables.update(Counter.self, forKey: Array("a".utf8), in: counters) { $0.value += 1 }
                tables.put(Counter(value: 7), forKey: Array("b".utf8), in: counters)
                try tables.putEntry([1], forKey: Array("b".utf8), in: index)
                #expect(throws: ProjectionError.foldNeedsWriter("proj/test/v1/new")) { try tables.table("new") }
                #expect(throws: ProjectionError.foldNeedsWriter("proj/test/v1/")) { try tables.transaction }
                return try tables.takeChanges()
            }
            try log.read { snapshot in
                let counters = try #require(snapshot.existingTable(named: "proj/test/v1/counters"))
                #expect(try snapshot.entryCount(of: counters) == 1)
            }
            try await log.write { transaction in try changes.write(to: transaction) }
            try log.read { snapshot in
                let counters = try #require(snapshot.existingTable(named: "proj/test/v1/counters"))
                let index = try #require(snapshot.existingTable(named: "proj/test/v1/index"))
                let stored = { (key: String) in
                    try snapshot.withValue(in: counters, forKey: Array(key.utf8)) { try RecordCoding.decode(Counter.self, from: $0) }
                }
                #expect(try stored("a") == Counter(value: 2))
                #expect(try stored("b") == Counter(value: 7))
                #expect(try snapshot.withValue(in: index, forKey: Array("b".utf8)) { Array($0) } == [1])
            }
        }
    }
}
