import Foundation

/// Queries over the log's tables, in whatever transaction the caller holds: a reader's snapshot or the
/// writer's batch (which also sees the batch's own earlier writes).
struct LogReader<Transaction: TableReading> {
    let transaction: Transaction
    let tables: LogTables

    func event(at position: UInt64) throws -> RecordedEvent? {
        try withUnsafeBytes(of: LogTables.positionKey(position)) { key in
            try transaction.withValue(in: tables.events, forKey: key) { try decode($0, at: position) }
        }
    }

    func event(id: UUID) throws -> RecordedEvent? {
        let position = try withUnsafeBytes(of: id.uuid) { key in
            try transaction.withValue(in: tables.eventIDs, forKey: key) { try LogTables.position(in: $0) }
        }
        return try position.flatMap { try event(at: $0) }
    }

    /// The last event of the log, if any.
    func lastEvent() throws -> RecordedEvent? {
        var last: RecordedEvent?
        try transaction.scan(tables.events, from: nil, direction: .backward) { key, value in
            last = try decode(value, at: Self.position(ofKey: key))
            return false
        }
        return last
    }

    /// Calls `body` with each event from `position` on, until it returns `false`.
    func forEach(from position: UInt64, _ body: (RecordedEvent) throws -> Bool) throws {
        try withUnsafeBytes(of: LogTables.positionKey(max(position, 1))) { start in
            try transaction.scan(tables.events, from: start, direction: .forward) { key, value in
                try body(decode(value, at: Self.position(ofKey: key)))
            }
        }
    }

    /// The version of the stream's last event; 0 when the stream does not exist.
    func currentVersion(of stream: String) throws -> UInt64 {
        var version: UInt64 = 0
        try transaction.scan(tables.streams, from: LogTables.streamKey(stream, version: .max), direction: .backward) {
            key, _ in
            if Self.key(key, belongsTo: stream) { version = LogTables.version(inStreamKey: key) }
            return false
        }
        return version
    }

    /// Up to `limit` events of `stream`, from `version` (inclusive) in `direction`; from the first or the
    /// last event when `version` is `nil`.
    func events(
        inStream stream: String, from version: UInt64?, direction: ScanDirection, limit: Int
    ) throws -> [RecordedEvent] {
        let startVersion = version ?? (direction == .forward ? 1 : .max)
        var positions: [UInt64] = []
        try transaction.scan(
            tables.streams, from: LogTables.streamKey(stream, version: startVersion), direction: direction
        ) { key, value in
            guard positions.count < limit, Self.key(key, belongsTo: stream) else { return false }
            positions.append(try LogTables.position(in: value))
            return true
        }
        return try positions.map { position in
            guard let event = try event(at: position) else {
                throw EventStoreError.corrupt(position: position, reason: "the stream index names a missing event")
            }
            return event
        }
    }

    private func decode(_ bytes: UnsafeRawBufferPointer, at position: UInt64) throws -> RecordedEvent {
        do {
            return try EnvelopeCodec.decode(bytes)
        } catch {
            guard case .corrupt(_, let reason) = error else { throw error }
            throw EventStoreError.corrupt(position: position, reason: reason)
        }
    }

    static func position(ofKey key: UnsafeRawBufferPointer) throws -> UInt64 {
        try LogTables.position(in: key)
    }

    /// Whether a `log/streams` key is one of `stream`'s (and not of a stream whose name extends it).
    private static func key(_ key: UnsafeRawBufferPointer, belongsTo stream: String) -> Bool {
        let name = stream.utf8
        return key.count == name.count + 9 && key[name.count] == 0 && key.prefix(name.count).elementsEqual(name)
    }
}
