import Synchronization

/// Runs the bodies given for one key one at a time, in arrival order; bodies for different keys run
/// concurrently.
///
/// A command that must keep a value unique (a user's email in an organization) checks the read models and
/// then appends: two requests for the same value could both pass the check before either has appended.
/// Holding the value's key from the check to the append closes that gap. One process serves a data
/// directory (the log's directory lock), so a lock in this process is enough.
final class KeyedSerializer: Sendable {
    /// The keys held, each with the callers waiting for it in arrival order.
    private let held = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    func run<Result>(_ key: String, _ body: () async throws -> Result) async throws -> Result {
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    private func acquire(_ key: String) async {
        await withCheckedContinuation { continuation in
            let acquired = held.withLock { held in
                guard held[key] != nil else {
                    held[key] = []
                    return true
                }
                held[key, default: []].append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    /// Hands the key to the longest waiter, or frees it.
    private func release(_ key: String) {
        let next = held.withLock { held -> CheckedContinuation<Void, Never>? in
            guard var waiters = held[key], !waiters.isEmpty else {
                held[key] = nil
                return nil
            }
            let next = waiters.removeFirst()
            held[key] = waiters
            return next
        }
        next?.resume()
    }
}
