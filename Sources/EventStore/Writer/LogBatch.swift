import Foundation

/// One group commit in progress: the write transaction, the head as it moves event by event, and the
/// events recorded so far (handed to the log hooks before the commit).
struct LogBatch {
    let transaction: WriteTransaction
    let tables: LogTables
    /// When the batch began: the recorded-at of its events, unless the log already holds a later one.
    let now: Timestamp
    private(set) var head: LogHead
    private(set) var recorded: [RecordedEvent] = []
    private let scratch: ScratchBuffer

    init(transaction: WriteTransaction, tables: LogTables, head: LogHead, now: Timestamp, scratch: ScratchBuffer) {
        self.transaction = transaction
        self.tables = tables
        self.head = head
        self.now = now
        self.scratch = scratch
    }

    /// The position of the event with this id, if it is in the log (or earlier in this batch).
    func position(ofEventID id: UUID) throws -> UInt64? {
        try withUnsafeBytes(of: id.uuid) { key in
            try transaction.withValue(in: tables.eventIDs, forKey: key) { try LogTables.position(in: $0) }
        }
    }

    /// The version of the stream's last event; 0 for a stream that does not exist.
    func currentVersion(of stream: String) throws -> UInt64 {
        try LogReader(transaction: transaction, tables: tables).currentVersion(of: stream)
    }

    func event(at position: UInt64) throws -> RecordedEvent? {
        try LogReader(transaction: transaction, tables: tables).event(at: position)
    }

    /// Stores `event` as the next position of the log, at `streamVersion` of `stream`, with its indexes.
    /// `recordedAt` is kept when given (an import); otherwise the batch's time, never before the head's.
    @discardableResult
    mutating func write(
        _ event: ProposedEvent, to stream: String, streamVersion: UInt64, recordedAt: Timestamp? = nil
    ) throws -> RecordedEvent {
        let position = head.position + 1
        let recordedAt = recordedAt ?? max(now, head.recordedAt)
        let canonicalSize = EnvelopeCodec.canonicalSize(of: event, in: stream)
        let buffer = scratch.reserve(canonicalSize + EnvelopeCodec.hashSize)
        let written = EnvelopeCodec.writeCanonical(
            event, stream: stream, position: position, streamVersion: streamVersion, recordedAt: recordedAt,
            into: buffer)
        let hash = head.hash.chained(with: UnsafeRawBufferPointer(rebasing: buffer[..<written]))
        let hashBytes = UnsafeMutableRawBufferPointer(rebasing: buffer[written..<written + EnvelopeCodec.hashSize])
        hash.withUnsafeBytes { hashBytes.copyMemory(from: $0) }
        let envelope = UnsafeRawBufferPointer(rebasing: buffer[..<(written + EnvelopeCodec.hashSize)])

        try withUnsafeBytes(of: LogTables.positionKey(position)) { positionKey in
            try transaction.put(envelope, forKey: positionKey, in: tables.events, appending: true)
            try withUnsafeBytes(of: event.id.uuid) { idKey in
                try transaction.put(positionKey, forKey: idKey, in: tables.eventIDs)
            }
            try LogTables.streamKey(stream, version: streamVersion).withUnsafeBytes { streamKey in
                try transaction.put(positionKey, forKey: streamKey, in: tables.streams)
            }
        }
        let event = RecordedEvent(
            position: position, stream: stream, streamVersion: streamVersion, id: event.id, type: event.type,
            schemaVersion: event.schemaVersion, recordedAt: recordedAt, organization: event.organization,
            actor: event.actor, correlationID: event.correlationID, causationID: event.causationID,
            payload: event.payload, hash: hash)
        head = LogHead(after: event)
        recorded.append(event)
        return event
    }
}
