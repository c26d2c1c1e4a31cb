import EventStore
import Foundation
import Synchronization
import Testing

@Suite("Resuming appenders on their threads")
struct CallerThreadTests {
    @Test("appenders of a named thread are all resumed through it, the callers of one commit together")
    func grouped() async throws {
        let thread = CountingThread()
        let appenders = 64
        let positions = try await withTemporaryLog(.init(callerThreads: OneThread(thread: thread))) { log, _ in
            try await withThrowingTaskGroup(of: UInt64.self) { group in
                for appender in 0..<appenders {
                    group.addTask { try await log.append([event()], to: "stream-\(appender)").events[0].position }
                }
                return try await group.reduce(into: [UInt64]()) { $0.append($1) }
            }
        }
        #expect(positions.sorted() == Array(1...UInt64(appenders)))
        #expect(thread.handOvers.withLock { $0 } >= 1)
        #expect(thread.handOvers.withLock { $0 } < appenders)
    }

    @Test("a refused append is resumed on its thread with its refusal")
    func refusal() async throws {
        let thread = CountingThread()
        try await withTemporaryLog(.init(callerThreads: OneThread(thread: thread))) { log, _ in
            _ = try await log.append([event()], to: "stream")
            await #expect(throws: EventStoreError.self) {
                try await log.append([event()], to: "stream", expectedVersion: .noStream)
            }
        }
        #expect(thread.handOvers.withLock { $0 } == 2)
    }
}

/// Every caller on one thread: a serial queue that counts the work handed to it.
private struct OneThread: CallerThreads {
    let thread: CountingThread
    func current() -> (any CallerThread)? { thread }
}

private final class CountingThread: CallerThread {
    let handOvers = Mutex(0)
    private let queue = DispatchQueue(label: "caller-thread")

    func execute(_ work: @escaping @Sendable () -> Void) {
        handOvers.withLock { $0 += 1 }
        queue.async(execute: work)
    }
}
