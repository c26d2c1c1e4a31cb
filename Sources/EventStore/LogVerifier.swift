/// The outcome of `verify`: how far the log is intact, and where it first breaks.
public struct VerificationReport: Sendable, Equatable {
    /// The first position at which the log is not what it claims to be, and why.
    public struct Break: Sendable, Equatable {
        public let position: UInt64
        public let reason: String
    }

    /// Events whose envelope, hash and index entries checked out, from position 1.
    public let eventsChecked: UInt64
    /// The hash-chain link after the last intact event: a value to write down and compare later.
    public let lastHash: EventHash
    public let firstBreak: Break?

    public var isIntact: Bool { firstBreak == nil }
}

/// Walks the log from position 1 and checks what the hash chain and the indexes promise: positions are
/// gapless, each stored envelope hashes to its link, every stream's events link back version by version,
/// and the id index, stream heads and checkpoints name exactly the events there are. Reads in bounded
/// snapshots, so memory stays flat.
struct LogVerifier {
    let log: LMDBEventLog
    let tables: LogTables
    private static let pageSize = 8_192

    func run() throws -> VerificationReport {
        var state = State()
        while try verifyPage(&state) {}
        if state.firstBreak == nil, let reason = try indexProblem(eventCount: state.checked) {
            state.firstBreak = .init(position: state.checked + 1, reason: reason)
        }
        return VerificationReport(eventsChecked: state.checked, lastHash: state.hash, firstBreak: state.firstBreak)
    }

    private struct State {
        var checked: UInt64 = 0
        var hash = EventHash.genesis
        var firstBreak: VerificationReport.Break?
    }

    /// Checks the next page of events; `false` when the log ended or broke.
    private func verifyPage(_ state: inout State) throws -> Bool {
        var seen = 0
        try log.read { transaction in
            try withUnsafeBytes(of: LogTables.positionKey(state.checked + 1)) { start in
                try transaction.scan(tables.events, from: start, direction: .forward) { key, value in
                    let expected = state.checked + 1
                    let reader = LogReader(transaction: transaction, tables: tables)
                    if let reason = try problem(key: key, value: value, expected: expected, previous: state.hash, reader) {
                        state.firstBreak = .init(position: expected, reason: reason)
                        return false
                    }
                    state.hash = EventHash(bytes: value.suffix(EnvelopeCodec.hashSize)) ?? .genesis
                    state.checked = expected
                    seen += 1
                    return seen < Self.pageSize
                }
            }
        }
        return state.firstBreak == nil && seen == Self.pageSize
    }

    /// What is wrong with the event stored under `key`, or `nil` when it is intact.
    private func problem(
        key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, expected: UInt64, previous: EventHash,
        _ reader: LogReader<ReadOnly>
    ) throws -> String? {
        guard let position = try? LogTables.position(in: key) else { return "a key of the log is not a position" }
        guard position == expected else { return "position \(expected) is missing (the next one is \(position))" }
        guard value.count > EnvelopeCodec.hashSize else { return "the envelope is truncated" }
        let canonical = UnsafeRawBufferPointer(rebasing: value.dropLast(EnvelopeCodec.hashSize))
        guard previous.chained(with: canonical) == EventHash(bytes: value.suffix(EnvelopeCodec.hashSize)) else {
            return "the hash does not match the event and the chain before it"
        }
        let event: RecordedEvent
        do { event = try EnvelopeCodec.decode(value) } catch { return error.description }
        guard event.position == position else { return "the envelope says position \(event.position)" }
        guard try reader.event(id: event.id)?.position == position else {
            return "the id index does not point at this event"
        }
        return try streamProblem(event, reader)
    }

    /// Whether the event links to the version before it, and its stream's head is at or past it.
    private func streamProblem(_ event: RecordedEvent, _ reader: LogReader<ReadOnly>) throws -> String? {
        if event.streamVersion == 1 {
            guard event.previousInStream == nil else { return "a stream's first event links back" }
        } else {
            guard let previousPosition = event.previousInStream, previousPosition < event.position,
                  let previous = try reader.event(at: previousPosition), previous.stream == event.stream,
                  previous.streamVersion == event.streamVersion - 1
            else { return "the link to version \(event.streamVersion - 1) of '\(event.stream)' is broken" }
        }
        guard let head = try reader.head(of: event.stream), head.version >= event.streamVersion,
              head.version != event.streamVersion || head.position == event.position
        else { return "the head of stream '\(event.stream)' does not account for this event" }
        return nil
    }

    /// After a clean walk: one id per event, stream heads whose versions add up to the events there are
    /// (so no event stands outside its stream's chain), and checkpoints exactly where they belong.
    private func indexProblem(eventCount: UInt64) throws -> String? {
        try log.read { transaction in
            let reader = LogReader(transaction: transaction, tables: tables)
            var ids: UInt64 = 0
            try forEachEntry(in: .eventID, transaction) { _, _ in
                ids += 1
                return true
            }
            guard ids == eventCount else { return "the id index holds \(ids) entries for \(eventCount) events" }
            var versions: UInt64 = 0
            var expectedCheckpoints: UInt64 = 0
            var problem: String?
            try forEachEntry(in: .streamHead, transaction) { stream, value in
                let stream = String(decoding: stream, as: UTF8.self)
                let head = try StreamHead(value)
                guard let last = try reader.event(at: head.position), last.stream == stream, last.streamVersion == head.version else {
                    problem = "the head of stream '\(stream)' points at another event"
                    return false
                }
                versions += head.version
                expectedCheckpoints += head.version / LogTables.checkpointInterval
                return true
            }
            if let problem { return problem }
            guard versions == eventCount else { return "stream heads account for \(versions) of \(eventCount) events" }
            return try checkpointProblem(expected: expectedCheckpoints, transaction, reader)
        }
    }

    private func checkpointProblem(
        expected: UInt64, _ transaction: ReadTransaction, _ reader: LogReader<ReadOnly>
    ) throws -> String? {
        var problem: String?
        var count: UInt64 = 0
        try forEachEntry(in: .checkpoint, transaction) { key, value in
            let stream = String(decoding: key.dropLast(9), as: UTF8.self)
            let version = UInt64(bigEndian: key.loadUnaligned(fromByteOffset: key.count - 8, as: UInt64.self))
            let event = try reader.event(at: LogTables.position(in: value))
            guard version % LogTables.checkpointInterval == 0, event?.stream == stream, event?.streamVersion == version else {
                problem = "the checkpoint of '\(stream)' at version \(version) is wrong"
                return false
            }
            count += 1
            return true
        }
        return problem ?? (count == expected ? nil : "there are \(count) stream checkpoints, not \(expected)")
    }

    /// Calls `body` with the key (without its key-space byte) and value of each entry of one key space.
    private func forEachEntry(
        in space: LogTables.KeySpace, _ transaction: ReadTransaction,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try transaction.scan(tables.index, from: [space.rawValue], direction: .forward) { key, value in
            guard key.first == space.rawValue else { return false }
            return try body(UnsafeRawBufferPointer(rebasing: key.dropFirst()), value)
        }
    }
}
