import Foundation

/// Queries over the log's tables, in whatever transaction the caller holds: a reader's snapshot or the
/// writer's batch (which also sees the batch's own earlier writes).
struct LogReader<Access: TransactionAccess> {
    let transaction: Transaction<Access>
    let tables: LogTables

    func event(at position: UInt64) throws -> RecordedEvent? {
        try withUnsafeBytes(of: LogTables.positionKey(position)) { key in
            try transaction.withValue(in: tables.events, forKey: key) { try decode($0, at: position) }
        }
    }

    func event(id: UUID) throws -> RecordedEvent? {
        let position = try LogTables.withIDKey(id) { key in
            try transaction.withValue(in: tables.index, forKey: key) { try LogTables.position(in: $0) }
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

    /// Calls `body` with each event from `position` on, until it returns `false`: the fast path of scans
    /// (see `ScanDecoder`). Each event is handed over, so that a body keeping it keeps it without a copy.
    func forEach(from position: UInt64, _ body: (consuming RecordedEvent) throws -> Bool) throws {
        var decoder = ScanDecoder()
        try withUnsafeBytes(of: LogTables.positionKey(max(position, 1))) { start in
            try transaction.scan(tables.events, from: start, direction: .forward) { key, value in
                try body(decoder.decode(value, at: Self.position(ofKey: key)))
            }
        }
    }

    /// The stream's current version and last position; `nil` when it has no events.
    func head(of stream: String) throws -> StreamHead? {
        try LogTables.withHeadKey(stream) { key in
            try transaction.withValue(in: tables.index, forKey: key) { try StreamHead($0) }
        }
    }

    /// Up to `limit` events of `stream`, from `version` (inclusive) in `direction`; from the first or the
    /// last event when `version` is `nil`.
    func events(
        inStream stream: String, from version: UInt64?, direction: ScanDirection, limit: Int
    ) throws -> [RecordedEvent] {
        guard limit > 0, let head = try head(of: stream) else { return [] }
        let count = UInt64(limit)
        let versions: ClosedRange<UInt64>
        switch direction {
        case .forward:
            let first = max(version ?? 1, 1)
            guard first <= head.version else { return [] }
            versions = first...(head.version - first < count ? head.version : first + count - 1)
        case .backward:
            let last = min(version ?? head.version, head.version)
            guard last >= 1 else { return [] }
            versions = (last >= count ? last - count + 1 : 1)...last
        }
        let events = try walk(stream, versions, from: anchor(stream, atOrAbove: versions.upperBound, head: head))
        return direction == .forward ? events : events.reversed()
    }

    /// The events of `versions`, in ascending order, found by following the stream's links back from
    /// `anchor` (a known version at or above the range's end).
    private func walk(_ stream: String, _ versions: ClosedRange<UInt64>, from anchor: StreamHead) throws -> [RecordedEvent] {
        var version = anchor.version
        var position = anchor.position
        var found: [RecordedEvent] = []
        while version >= versions.lowerBound {
            let previous: UInt64
            if version <= versions.upperBound {
                guard let event = try event(at: position), event.stream == stream, event.streamVersion == version else {
                    throw EventStoreError.corrupt(position: position, reason: "stream '\(stream)' has no version \(version) here")
                }
                found.append(event)
                previous = event.previousInStream ?? 0
            } else {
                previous = try link(at: position, version: version, of: stream)
            }
            guard version > versions.lowerBound else { break }
            guard previous != 0, previous < position else {
                throw EventStoreError.corrupt(position: position, reason: "stream '\(stream)' is missing its link to version \(version - 1)")
            }
            position = previous
            version -= 1
        }
        return found.reversed()
    }

    /// The position of the event before the one at `position`, which must be `version` of a stream.
    private func link(at position: UInt64, version: UInt64, of stream: String) throws -> UInt64 {
        let link = try withUnsafeBytes(of: LogTables.positionKey(position)) { key in
            try transaction.withValue(in: tables.events, forKey: key) { try EnvelopeCodec.link(of: $0) }
        }
        guard let link, link.streamVersion == version else {
            throw EventStoreError.corrupt(position: position, reason: "stream '\(stream)' has no version \(version) here")
        }
        return link.previousInStream
    }

    /// The nearest point of `stream` at or above `version` whose position is known: a checkpoint, or the head.
    private func anchor(_ stream: String, atOrAbove version: UInt64, head: StreamHead) throws -> StreamHead {
        let interval = LogTables.checkpointInterval
        let checkpoint = (version + interval - 1) / interval * interval
        guard checkpoint < head.version else { return head }
        let position = try LogTables.checkpointKey(stream, version: checkpoint).withUnsafeBytes { key in
            try transaction.withValue(in: tables.index, forKey: key) { try LogTables.position(in: $0) }
        }
        return position.map { StreamHead(version: checkpoint, position: $0) } ?? head
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
}
