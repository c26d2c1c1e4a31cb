import Synchronization

/// The monitoring servers recently authenticated, by the digest of their API key: every Hot Potato request
/// authenticates, and looking a key up in the directory decodes three records.
///
/// A revocation must never be undone by a lookup that raced it. So `invalidate` runs after the revocation
/// is committed and moves the generation on, and a lookup stores its answer only if the generation it
/// started under is still current.
final class ServerKeyCache: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var callers: BoundedDictionary<String, ServerCaller>
    }

    private let state: Mutex<State>

    init(capacity: Int = 10_000) {
        state = Mutex(State(callers: BoundedDictionary(capacity: capacity)))
    }

    /// The cached caller for `digest`, or the one `lookUp` finds (cached if it is one).
    func caller(digest: String, _ lookUp: () throws -> ServerCaller?) rethrows -> ServerCaller? {
        let (cached, generation) = state.withLock { ($0.callers[digest], $0.generation) }
        if let cached { return cached }
        guard let found = try lookUp() else { return nil }
        state.withLock { state in
            guard state.generation == generation else { return }
            state.callers.insert(found, forKey: digest)
        }
        return found
    }

    /// Forgets every cached caller: after a credential is revoked.
    func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.callers.removeAll()
        }
    }
}
