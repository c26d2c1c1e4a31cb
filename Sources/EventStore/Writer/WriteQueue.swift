import Foundation

/// The jobs waiting for the writer thread. Callers add one job each; the writer takes everything waiting
/// at once, which is what makes a group commit.
final class WriteQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [any WriteJob] = []
    private var isClosed = false
    /// How many waiting jobs are worth waking the writer for.
    private var wakeAt = 1
    /// While gathering, the writer wakes for this many jobs at once rather than for each one.
    private static let gatheringChunk = 16

    /// Adds `job`; `false` once the queue is closed.
    func submit(_ job: any WriteJob) -> Bool {
        condition.lock()
        guard !isClosed else {
            condition.unlock()
            return false
        }
        waiting.append(job)
        let wake = waiting.count == wakeAt
        condition.unlock()
        // Signalled after unlocking, so that the writer does not wake only to wait for the lock.
        if wake { condition.signal() }
        return true
    }

    /// Blocks until at least one job waits, then takes them all; `nil` when closed and drained.
    /// (Called with `wakeAt` at 1: the first job of a batch wakes the writer.)
    func takeAll() -> [any WriteJob]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !isClosed { condition.wait() }
        return waiting.isEmpty ? nil : takeWaiting()
    }

    /// Takes the jobs waiting now or, if there are none, waits until `wanted` of them (or a chunk of them)
    /// have arrived or `deadline` passes; empty if none came or the queue is closed.
    func takeMore(wanted: Int, before deadline: ContinuousClock.Instant) -> [any WriteJob] {
        condition.lock()
        defer { condition.unlock() }
        wakeAt = max(1, min(wanted, Self.gatheringChunk))
        defer { wakeAt = 1 }
        while waiting.count < wakeAt && !isClosed {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { break }
            let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
            _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
        }
        return takeWaiting()
    }

    private func takeWaiting() -> [any WriteJob] {
        let taken = waiting
        waiting.removeAll(keepingCapacity: true)
        return taken
    }

    /// How many jobs wait now.
    var waitingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting.count
    }

    /// Refuses new jobs; the writer still takes the ones already waiting.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }
}
