import Foundation

/// The jobs waiting for the writer thread. Callers add one job each; the writer takes everything waiting
/// at once, which is what makes a group commit.
final class WriteQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [any WriteJob] = []
    private var isClosed = false

    /// Adds `job`; `false` once the queue is closed.
    func submit(_ job: any WriteJob) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isClosed else { return false }
        waiting.append(job)
        if waiting.count == 1 { condition.signal() }
        return true
    }

    /// Blocks until at least one job waits, then takes them all; `nil` when closed and drained.
    func takeAll() -> [any WriteJob]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !isClosed { condition.wait() }
        return waiting.isEmpty ? nil : takeWaiting()
    }

    /// Takes the jobs waiting now or, if there are none, the first to arrive before `deadline`; empty if
    /// none does or the queue is closed.
    func takeMore(before deadline: ContinuousClock.Instant) -> [any WriteJob] {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !isClosed {
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

    /// Refuses new jobs; the writer still takes the ones already waiting.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }
}
