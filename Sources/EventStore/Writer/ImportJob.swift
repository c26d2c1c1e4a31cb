/// Recorded events from an export, written back exactly as they were: same positions, times and hashes.
final class ImportJob: WriteJob, @unchecked Sendable {
    /// Each event with the line of the export it came from, for error messages.
    private let events: [(line: Int, event: RecordedEvent)]
    private let continuation: UnsafeContinuation<Void, any Error>

    init(events: [(line: Int, event: RecordedEvent)], continuation: UnsafeContinuation<Void, any Error>) {
        self.events = events
        self.continuation = continuation
    }

    /// Any mismatch throws: the chunk may already have written events, so the transaction must abort.
    func run(in batch: inout LogBatch) throws {
        for (line, event) in events {
            guard event.position == batch.head.position + 1 else {
                throw EventStoreError.importRejected(
                    line: line, reason: "position \(event.position) does not follow the log's head \(batch.head.position)")
            }
            guard event.recordedAt >= batch.head.recordedAt else {
                throw EventStoreError.importRejected(line: line, reason: "recorded-at goes back in time")
            }
            guard try batch.position(ofEventID: event.id) == nil else {
                throw EventStoreError.importRejected(line: line, reason: "event id \(event.id) is already in the log")
            }
            let streamHead = try batch.head(of: event.stream)
            let expectedVersion = (streamHead?.version ?? 0) + 1
            guard event.streamVersion == expectedVersion, event.previousInStream == streamHead?.position else {
                throw EventStoreError.importRejected(
                    line: line, reason: "stream '\(event.stream)' would be at version \(expectedVersion), not \(event.streamVersion)")
            }
            let written = try batch.write(
                ProposedEvent(rebuilding: event), to: event.stream, after: streamHead, recordedAt: event.recordedAt)
            guard written.hash == event.hash else {
                throw EventStoreError.importRejected(line: line, reason: "the hash does not match the event and the chain before it")
            }
        }
    }

    func finish(_ error: (any Error)?) {
        if let error { continuation.resume(throwing: error) } else { continuation.resume() }
    }
}

extension ProposedEvent {
    /// The proposal a recorded event was made from.
    init(rebuilding event: RecordedEvent) {
        self.init(
            id: event.id, type: event.type, schemaVersion: event.schemaVersion, organization: event.organization,
            actor: event.actor, correlationID: event.correlationID, causationID: event.causationID,
            payload: event.payload)
    }
}
