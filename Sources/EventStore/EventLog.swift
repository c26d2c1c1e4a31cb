public import Foundation

/// The append-only log every other module talks to.
///
/// LMDB (`LMDBEventLog`) is the embedded implementation; the protocol is the seam at which a
/// distributed engine could serve the same log to operators who need more than one node.
public protocol EventLog: Sendable {
    /// Appends `events` to `stream` atomically, after checking the stream is at `expectedVersion`.
    /// Resumes once the batch is durable. When every event id is already in the log (a retry), nothing is
    /// written and the original events are returned.
    func append(
        _ events: [ProposedEvent], to stream: String, expectedVersion: ExpectedVersion
    ) async throws -> AppendResult

    /// The position of the last committed event; 0 for an empty log.
    var headPosition: UInt64 { get }

    /// Up to `limit` events from `position` on, in log order.
    func events(from position: UInt64, limit: Int) throws -> [RecordedEvent]

    /// Up to `limit` events of `stream` from `version` (inclusive) in `direction`; from its first (forward)
    /// or last (backward) event when `version` is `nil`.
    func events(
        inStream stream: String, from version: UInt64?, direction: ScanDirection, limit: Int
    ) throws -> [RecordedEvent]

    func event(at position: UInt64) throws -> RecordedEvent?

    func event(id: UUID) throws -> RecordedEvent?

    /// Suspends until the head is beyond `position`; `false` if the log closes or the task is cancelled.
    func waitForHead(beyond position: UInt64) async -> Bool
}

extension EventLog {
    /// Every event from `position` on: first those already in the log, then each new one as it commits,
    /// without gaps or repeats. It ends when the log closes or the iterating task is cancelled.
    public func subscribe(from position: UInt64 = 1) -> EventSubscription {
        EventSubscription(log: self, from: position)
    }

    public func append(_ events: [ProposedEvent], to stream: String) async throws -> AppendResult {
        try await append(events, to: stream, expectedVersion: .any)
    }
}
