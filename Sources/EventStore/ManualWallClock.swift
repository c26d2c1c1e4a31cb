import Synchronization

/// A clock that moves only when told to: for tests, and for anything that replays time deliberately.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Timestamp>

    public init(_ start: Timestamp) {
        current = Mutex(start)
    }

    public func now() -> Timestamp {
        current.withLock { $0 }
    }

    /// Sets the time, forwards or backwards.
    public func set(_ timestamp: Timestamp) {
        current.withLock { $0 = timestamp }
    }

    public func advance(microseconds: Int64) {
        current.withLock { $0 = Timestamp(microsecondsSinceEpoch: $0.microsecondsSinceEpoch + microseconds) }
    }
}
