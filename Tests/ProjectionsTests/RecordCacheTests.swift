import EventStore
import Fixtures
@testable import Projections
import Testing

@Suite("The record cache of a batch")
struct RecordCacheTests {
    private struct Counter: Codable, Equatable {
        var value: Int64
    }

    /// A record indexed by its due time, if it has one.
    private struct Job: IndexedRecord, Equatable {
        var due: Int64?

        func indexKey(recordKey: [UInt8]) -> [UInt8]? {
            due.map { ProjectionKey.number($0, followedBy: recordKey) }
        }
    }

    private static func key(_ number: Int) -> [UInt8] {
        Array("key-\(number)".utf8)
    }

    /// Runs `batch` with a cache in one write transaction of a fresh log, then `check` in a snapshot after it.
    private static func withBatch(
        _ batch: @escaping @Sendable (RecordCache, WriteTransaction) throws -> Void,
        then check: (ReadTransaction) throws -> Void
    ) async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try await LMDBEventLog.withOpenLog(directory: directory.path, configuration: .init()) { log in
            try await log.write { transaction in
                let cache = RecordCache(expectedKeys: 1)
                try batch(cache, transaction)
                var changes = RecordChanges()
                try cache.takeChanges(into: &changes)
                try changes.write(to: transaction)
            }
            try log.read(check)
        }
    }

    @Test("far more keys than expected, the same bytes in two tables: each read, changed and written as the batch left it")
    func growsPastWhatItExpected() async throws {
        let count = 3_000
        try await Self.withBatch { cache, transaction in
            let first = try transaction.table(named: "test/first"), second = try transaction.table(named: "test/second")
            try transaction.put(RecordCoding.encode(Counter(value: -1)), forKey: Self.key(0), in: first)
            try transaction.put(RecordCoding.encode(Counter(value: -2)), forKey: Self.key(count), in: second)
            #expect(try cache.get(Counter.self, forKey: Self.key(0), in: first, from: transaction.readOnly) == Counter(value: -1))
            for number in 1..<count {
                cache.put(Counter(value: Int64(number)), forKey: Self.key(number), in: first)
                cache.put(Counter(value: Int64(-number)), forKey: Self.key(number), in: second)
            }
            for number in stride(from: 0, to: count, by: 3) {
                try cache.update(Counter.self, forKey: Self.key(number), in: first, from: transaction.readOnly) { $0.value *= 10 }
            }
            for number in stride(from: 1, to: count, by: 5) {
                cache.delete(Self.key(number), in: second)
            }
            cache.delete(Self.key(count), in: second)
            #expect(try cache.get(Counter.self, forKey: Self.key(count - 1), in: first, from: transaction.readOnly) == Counter(value: Int64(count - 1)))
            #expect(try cache.get(Counter.self, forKey: Self.key(count), in: first, from: transaction.readOnly) == nil)
        } then: { transaction in
            let first = try #require(transaction.existingTable(named: "test/first"))
            let second = try #require(transaction.existingTable(named: "test/second"))
            #expect(try transaction.entryCount(of: first) == count)
            for number in 0..<count {
                let stored = try transaction.withValue(in: first, forKey: Self.key(number)) { try RecordCoding.decode(Counter.self, from: $0) }
                let written = number == 0 ? -1 : Int64(number)
                #expect(stored == Counter(value: number % 3 == 0 ? written * 10 : written))
                let other = try transaction.withValue(in: second, forKey: Self.key(number)) { try RecordCoding.decode(Counter.self, from: $0) }
                #expect(other == (number == 0 || number % 5 == 1 ? nil : Counter(value: Int64(-number))))
            }
            #expect(try transaction.withValue(in: second, forKey: Self.key(count)) { $0.count } == nil)
        }
    }

    @Test("an index key moves once, from where the stored record had it to where the batch left the record")
    func indexFollowsTheLastValue() async throws {
        try await Self.withBatch { cache, transaction in
            let tasks = try transaction.table(named: "test/tasks"), due = try transaction.table(named: "test/due")
            for (number, time) in [(1, 10), (2, 20), (3, 30)] {
                try transaction.put(RecordCoding.encode(Job(due: Int64(time))), forKey: Self.key(number), in: tasks)
                try transaction.put([], forKey: ProjectionKey.number(Int64(time), followedBy: Self.key(number)), in: due)
            }
            // Moved away and back: nothing to write. Moved twice: once. Cleared: removed. New: added.
            for time in [11, 12, 10] as [Int64] {
                try cache.update(Job.self, forKey: Self.key(1), in: tasks, indexedIn: due, from: transaction.readOnly) { $0.due = time }
            }
            for time in [21, 22] as [Int64] {
                try cache.update(Job.self, forKey: Self.key(2), in: tasks, indexedIn: due, from: transaction.readOnly) { $0.due = time }
            }
            try cache.update(Job.self, forKey: Self.key(3), in: tasks, indexedIn: due, from: transaction.readOnly) { $0.due = nil }
            cache.put(Job(due: 40), forKey: Self.key(4), in: tasks, indexedIn: due)
            try cache.update(Job.self, forKey: Self.key(4), in: tasks, indexedIn: due, from: transaction.readOnly) { $0.due = 41 }
            #expect(try cache.update(Job.self, forKey: Self.key(5), in: tasks, indexedIn: due, from: transaction.readOnly) { $0.due = 50 } == nil)
        } then: { transaction in
            let due = try #require(transaction.existingTable(named: "test/due"))
            var keys: [[UInt8]] = []
            try transaction.scan(due) { key, _ in
                keys.append(Array(key))
                return true
            }
            #expect(keys == [(10, 1), (22, 2), (41, 4)].map { ProjectionKey.number($0, followedBy: Self.key($1)) })
        }
    }
}
