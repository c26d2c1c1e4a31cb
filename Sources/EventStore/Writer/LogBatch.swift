import Foundation

/// One group commit in progress: the write transaction, the head as it moves event by event, and the
/// events recorded so far (handed to the log hooks before the commit).
struct LogBatch {
    let transaction: WriteTransaction
    let tables: LogTables
    /// The log's queries in this transaction: made once a batch, not once an append.
    private let reader: LogReader<ReadWrite>
    /// When the batch began: the recorded-at of its events, unless the log already holds a later one.
    let now: Timestamp
    private(set) var head: LogHead
    private(set) var recorded: [RecordedEvent] = []
    private let scratch: ScratchBuffer

    /// `expectedEvents`: about how many events the batch will record; room for them is made at once rather
    /// than at every doubling, each of which moved the events recorded so far to a new buffer.
    init(
        transaction: WriteTransaction, tables: LogTables, head: LogHead, now: Timestamp, scratch: ScratchBuffer,
        expectedEvents: Int
    ) {
        self.transaction = transaction
        self.tables = tables
        reader = LogReader(transaction: transaction, tables: tables)
        self.head = head
        self.now = now
        self.scratch = scratch
        recorded.reserveCapacity(expectedEvents)
    }

    /// The position of the event with this id, if it is in the log (or earlier in this batch).
    func position(ofEventID id: UUID) throws -> UInt64? {
        try LogTables.withIDKey(id) { key in
            try transaction.withValue(in: tables.index, forKey: key) { try LogTables.position(in: $0) }
        }
    }

    /// The stream's version and last position (including this batch's writes); `nil` for a new stream.
    func head(of stream: String) throws -> StreamHead? {
        try reader.head(of: stream)
    }

    func event(at position: UInt64) throws -> RecordedEvent? {
        try reader.event(at: position)
    }

    /// Stores `event` as the next position of the log and the next version of `stream`, whose head is
    /// `streamHead`, and updates the indexes. `recordedAt` is kept when given (an import); otherwise it is
    /// the batch's time, never before the log head's.
    mutating func write(
        _ event: ProposedEvent, to stream: String, after streamHead: StreamHead?, recordedAt: Timestamp? = nil
    ) throws -> RecordedEvent {
        let position = head.position + 1
        let streamVersion = (streamHead?.version ?? 0) + 1
        let previousInStream = streamHead?.position ?? 0
        let recordedAt = recordedAt ?? max(now, head.recordedAt)
        let canonicalSize = EnvelopeCodec.canonicalSize(of: event, in: stream)
        let buffer = scratch.reserve(canonicalSize + EnvelopeCodec.hashSize)
        let written = EnvelopeCodec.writeCanonical(
            event, stream: stream, position: position, streamVersion: streamVersion,
            previousInStream: previousInStream, recordedAt: recordedAt, into: buffer)
        let hash = head.hash.chained(with: UnsafeRawBufferPointer(rebasing: buffer[..<written]))
        let hashBytes = UnsafeMutableRawBufferPointer(rebasing: buffer[written..<written + EnvelopeCodec.hashSize])
        hash.withUnsafeBytes { hashBytes.copyMemory(from: $0) }
        let envelope = UnsafeRawBufferPointer(rebasing: buffer[..<(written + EnvelopeCodec.hashSize)])

        try withUnsafeBytes(of: LogTables.positionKey(position)) { positionKey in
            try transaction.put(envelope, forKey: positionKey, in: tables.events, appending: true)
            try LogTables.withIDKey(event.id) { idKey in
                try transaction.put(positionKey, forKey: idKey, in: tables.index)
            }
            try LogTables.withHeadKey(stream) { headKey in
                try StreamHead(version: streamVersion, position: position).withUnsafeBytes { value in
                    try transaction.put(value, forKey: headKey, in: tables.index)
                }
            }
            if streamVersion % LogTables.checkpointInterval == 0 {
                try LogTables.checkpointKey(stream, version: streamVersion).withUnsafeBytes { checkpointKey in
                    try transaction.put(positionKey, forKey: checkpointKey, in: tables.index)
                }
            }
        }
        let event = RecordedEvent(
            position: position, stream: stream, streamVersion: streamVersion,
            previousInStream: streamHead?.position, id: event.id, type: event.type,
            schemaVersion: event.schemaVersion, recordedAt: recordedAt, organization: event.organization,
            actor: event.actor, correlationID: event.correlationID, causationID: event.causationID,
            payload: event.payload, hash: hash, decodedPayload: event.decodedPayload)
        head = LogHead(after: event)
        recorded.append(event)
        return event
    }
}
