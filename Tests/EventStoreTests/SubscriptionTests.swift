import EventStore
import Fixtures
import Foundation
import Testing

@Suite("Subscriptions")
struct SubscriptionTests {
    /// Collects `count` events of `subscription` while `writer` keeps appending.
    private func collect(
        _ count: Int, from subscription: EventSubscription, while writer: @escaping @Sendable () async throws -> Void
    ) async throws -> [RecordedEvent] {
        try await withThrowingTaskGroup(of: [RecordedEvent].self) { group in
            group.addTask {
                var received: [RecordedEvent] = []
                for try await event in subscription {
                    received.append(event)
                    if received.count == count { break }
                }
                return received
            }
            group.addTask {
                try await writer()
                return []
            }
            var received: [RecordedEvent] = []
            for try await part in group where !part.isEmpty { received = part }
            return received
        }
    }

    private func appendConcurrently(_ log: LMDBEventLog, total: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for appender in 0..<4 {
                group.addTask {
                    for _ in 0..<(total / 4) { _ = try await log.append([event()], to: "s-\(appender)") }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test("starting before the head: catches up, then follows live appends without gaps or repeats")
    func fromBeforeHead() async throws {
        try await withTemporaryLog { log, _ in
            _ = try await log.append((0..<700).map { _ in event() }, to: "history")
            let received = try await collect(1_100, from: log.subscribe(from: 1)) {
                try await appendConcurrently(log, total: 400)
            }
            #expect(received.map(\.position) == Array(1...1_100))
        }
    }

    @Test("starting at the head: only what is appended afterwards")
    func fromHead() async throws {
        try await withTemporaryLog { log, _ in
            _ = try await log.append((0..<5).map { _ in event() }, to: "history")
            let subscription = log.subscribe(from: log.headPosition + 1)
            let received = try await collect(200, from: subscription) {
                try await appendConcurrently(log, total: 200)
            }
            #expect(received.map(\.position) == Array(6...205))
        }
    }

    @Test("starting beyond the head: waits until that position is written")
    func beyondHead() async throws {
        try await withTemporaryLog { log, _ in
            let received = try await collect(10, from: log.subscribe(from: 41)) {
                try await appendConcurrently(log, total: 52)
            }
            #expect(received.map(\.position) == Array(41...50))
        }
    }

    @Test("a waiting subscription ends when its task is cancelled, and when the log closes")
    func ending() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let log = try LMDBEventLog.open(directory: directory.path)
        let cancelled = Task {
            var count = 0
            for try await _ in log.subscribe() { count += 1 }
            return count
        }
        let closed = Task {
            var count = 0
            for try await _ in log.subscribe() { count += 1 }
            return count
        }
        _ = try await log.append([event()], to: "s")
        try await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        #expect(try await cancelled.value == 1)
        await log.close()
        #expect(try await closed.value == 1)
    }
}
