import EventStore
import Fixtures
@testable import Projections
import Testing

@Suite("The record cache of a batch")
struct RecordCacheTests {
    private struct Counter: Codable, Equatable {
        var value: Int64
    }

    private static func key(_ number: Int) -> [UInt8] {
        Array("key-\(number)".utf8)
    }

    @Test("far more keys than expected, the same bytes in two tables: each read, changed and written as the batch left it")
    func growsPastWhatItExpected() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let count = 3_000
        try await LMDBEventLog.withOpenLog(directory: directory.path, configuration: .init()) { log in
            try await log.write { transaction in
                let first = try transaction.table(named: "test/first"), second = try transaction.table(named: "test/second")
                try transaction.put(RecordCoding.encode(Counter(value: -1)), forKey: Self.key(0), in: first)
                try transaction.put([], forKey: Self.key(count), in: second)
                let cache = RecordCache(expectedKeys: 1)
                #expect(try cache.get(Counter.self, forKey: Self.key(0), in: first, from: transaction) == Counter(value: -1))
                for number in 1..<count {
                    cache.put(Counter(value: Int64(number)), forKey: Self.key(number), in: first)
                    cache.putKey(Self.key(number), in: second)
                }
                for number in stride(from: 0, to: count, by: 3) {
                    try cache.update(Counter.self, forKey: Self.key(number), in: first, from: transaction) { $0.value *= 10 }
                }
                for number in stride(from: 1, to: count, by: 5) {
                    cache.withdrawKey(Self.key(number), in: second)
                }
                cache.withdrawKey(Self.key(count), in: second)
                #expect(try cache.get(Counter.self, forKey: Self.key(count - 1), in: first, from: transaction) == Counter(value: Int64(count - 1)))
                #expect(try cache.get(Counter.self, forKey: Self.key(count), in: first, from: transaction) == nil)
                try cache.flush(to: transaction)
            }
            try log.read { transaction in
                let first = try #require(transaction.existingTable(named: "test/first"))
                let second = try #require(transaction.existingTable(named: "test/second"))
                #expect(try transaction.entryCount(of: first) == count)
                for number in 0..<count {
                    let stored = try transaction.withValue(in: first, forKey: Self.key(number)) { try RecordCoding.decode(Counter.self, from: $0) }
                    let written = number == 0 ? -1 : Int64(number)
                    #expect(stored == Counter(value: number % 3 == 0 ? written * 10 : written))
                    let indexed = try transaction.withValue(in: second, forKey: Self.key(number)) { $0.count }
                    #expect((indexed != nil) == (number != 0 && number % 5 != 1))
                }
                // Stored before the batch and withdrawn without being put again: deleted.
                #expect(try transaction.withValue(in: second, forKey: Self.key(count)) { $0.count } == nil)
            }
        }
    }
}
