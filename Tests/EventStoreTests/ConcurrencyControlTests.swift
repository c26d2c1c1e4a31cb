import EventStore
import Foundation
import Testing

@Suite("Idempotency and expected versions")
struct ConcurrencyControlTests {
    @Test("appending the same event ids again returns the first append and writes nothing")
    func idempotentRetry() async throws {
        try await withTemporaryLog { log, _ in
            let batch = [event(), event()]
            let first = try await log.append(batch, to: "notification-1")
            let retry = try await log.append(batch, to: "notification-1", expectedVersion: .noStream)
            #expect(!first.wasDuplicate)
            #expect(retry.wasDuplicate)
            #expect(retry.events == first.events)
            #expect(log.headPosition == 2)
        }
    }

    @Test("a batch that repeats only some ids, or ids of another stream, is refused")
    func partialDuplicates() async throws {
        try await withTemporaryLog { log, _ in
            let known = event()
            _ = try await log.append([known], to: "a")
            await #expect(throws: EventStoreError.self) { try await log.append([known, event()], to: "a") }
            await #expect(throws: EventStoreError.self) { try await log.append([known], to: "b") }
            let repeated = event()
            await #expect(throws: EventStoreError.self) { try await log.append([repeated, repeated], to: "a") }
            #expect(log.headPosition == 1)
        }
    }

    @Test("an expected version that does not match is a typed conflict, and nothing is written")
    func expectedVersions() async throws {
        try await withTemporaryLog { log, _ in
            _ = try await log.append([event()], to: "user-1", expectedVersion: .noStream)
            await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "user-1", expected: .noStream, actual: 1)) {
                try await log.append([event()], to: "user-1", expectedVersion: .noStream)
            }
            await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "user-1", expected: .exact(5), actual: 1)) {
                try await log.append([event()], to: "user-1", expectedVersion: .exact(5))
            }
            _ = try await log.append([event()], to: "user-1", expectedVersion: .exact(1))
            #expect(log.headPosition == 2)
            #expect(try log.version(ofStream: "user-1") == 2)
        }
    }

    @Test("of racing writers that expect the same version, exactly one wins; the others' batches are unharmed")
    func racingWriters() async throws {
        try await withTemporaryLog { log, _ in
            _ = try await log.append([event()], to: "schedule-1")
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        do {
                            _ = try await log.append([event()], to: "schedule-1", expectedVersion: .exact(1))
                            return true
                        } catch EventStoreError.wrongExpectedVersion {
                            return false
                        }
                    }
                    group.addTask {
                        _ = try await log.append([event()], to: "elsewhere")
                        return false
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try log.version(ofStream: "schedule-1") == 2)
            #expect(try log.version(ofStream: "elsewhere") == 16)
            #expect(log.headPosition == 18)
        }
    }
}
