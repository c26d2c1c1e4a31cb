import Synchronization

/// The committed head of the log, and the subscribers waiting for it to move.
final class HeadNotifier: Sendable {
    private struct Waiter {
        let beyond: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var head: UInt64
        var isClosed = false
        var nextWaiterID = 0
        var waiters: [Int: Waiter] = [:]
    }

    private let state: Mutex<State>

    init(head: UInt64) {
        state = Mutex(State(head: head))
    }

    var head: UInt64 { state.withLock { $0.head } }

    /// Publishes a committed head and wakes everyone waiting for a position at or below it.
    func advance(to head: UInt64) {
        let woken = state.withLock { state -> [Waiter] in
            state.head = head
            let ready = state.waiters.filter { $0.value.beyond < head }
            for id in ready.keys { state.waiters[id] = nil }
            return Array(ready.values)
        }
        for waiter in woken { waiter.continuation.resume(returning: true) }
    }

    /// Wakes every waiter with `false`; later waits return `false` at once.
    func close() {
        let woken = state.withLock { state -> [Waiter] in
            state.isClosed = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in woken { waiter.continuation.resume(returning: false) }
    }

    /// Suspends until the head is beyond `position`: `true` then, `false` if the log closes or the task is
    /// cancelled first.
    func wait(beyond position: UInt64) async -> Bool {
        let id = state.withLock { state -> Int in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let answer: Bool? = state.withLock { state in
                    if state.head > position { return true }
                    if state.isClosed || Task.isCancelled { return false }
                    state.waiters[id] = Waiter(beyond: position, continuation: continuation)
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume(returning: false)
        }
    }
}
