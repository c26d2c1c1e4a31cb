import Foundation

/// `append(_:to:expectedVersion:)` on its way through the writer.
final class AppendJob: WriteJob, @unchecked Sendable {
    private let stream: String
    private let events: [ProposedEvent]
    private let expectedVersion: ExpectedVersion
    private let continuation: UnsafeContinuation<AppendResult, any Error>
    let callerThread: (any CallerThread)?
    /// Set on the writer thread by `run`; read by `finish`, on the same thread.
    private var outcome: Result<AppendResult, EventStoreError>?

    init(
        stream: String, events: [ProposedEvent], expectedVersion: ExpectedVersion,
        continuation: UnsafeContinuation<AppendResult, any Error>, callerThread: (any CallerThread)?
    ) {
        self.stream = stream
        self.events = events
        self.expectedVersion = expectedVersion
        self.continuation = continuation
        self.callerThread = callerThread
    }

    func run(in batch: inout LogBatch) throws {
        if let duplicate = try previouslyRecorded(in: batch) {
            outcome = duplicate
            return
        }
        var head = try batch.head(of: stream)
        let current = head?.version ?? 0
        guard expectedVersion.admits(currentVersion: current) else {
            outcome = .failure(.wrongExpectedVersion(stream: stream, expected: expectedVersion, actual: current))
            return
        }
        var recorded: [RecordedEvent] = []
        recorded.reserveCapacity(events.count)
        for event in events {
            let written = try batch.write(event, to: stream, after: head)
            head = StreamHead(version: written.streamVersion, position: written.position)
            recorded.append(written)
        }
        outcome = .success(AppendResult(events: recorded, wasDuplicate: false))
    }

    func finish(_ error: (any Error)?) {
        if let error {
            continuation.resume(throwing: error)
        } else {
            continuation.resume(with: outcome.map { $0.mapError { $0 as any Error } } ?? .failure(EventStoreError.closed))
        }
    }

    /// The original append when every id of the batch is already in the log, in this stream; a refusal
    /// when only some are, or they are elsewhere; `nil` when none is.
    private func previouslyRecorded(in batch: LogBatch) throws -> Result<AppendResult, EventStoreError>? {
        guard try events.contains(where: { try batch.position(ofEventID: $0.id) != nil }) else { return nil }
        let positions = try events.map { try batch.position(ofEventID: $0.id) }
        guard let index = positions.firstIndex(where: { $0 != nil }) else { return nil }
        guard positions.allSatisfy({ $0 != nil }) else {
            return .failure(.idempotencyConflict(
                eventID: events[index].id, reason: "already recorded, but other events of the batch are new"))
        }
        var originals: [RecordedEvent] = []
        for case let position? in positions {
            guard let original = try batch.event(at: position) else {
                throw EventStoreError.corrupt(position: position, reason: "the id index names a missing event")
            }
            guard original.stream == stream else {
                return .failure(.idempotencyConflict(
                    eventID: original.id, reason: "already recorded in stream '\(original.stream)'"))
            }
            originals.append(original)
        }
        return .success(AppendResult(events: originals, wasDuplicate: true))
    }
}
