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
/// gapless, each stored envelope hashes to its link, and the id and stream indexes name exactly the
/// events there are. Reads in bounded snapshots, so memory stays flat.
struct LogVerifier {
    let log: LMDBEventLog
    let tables: LogTables
    private static let pageSize = 8_192

    func run() throws -> VerificationReport {
        var state = State()
        while try verifyPage(&state) {}
        if state.firstBreak == nil { try checkIndexSizes(&state) }
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
                    if let reason = try problem(key: key, value: value, expected: expected, previous: state.hash, transaction) {
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
        _ transaction: ReadTransaction
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
        let byID = try withUnsafeBytes(of: event.id.uuid) { key in
            try transaction.withValue(in: tables.eventIDs, forKey: key) { try? LogTables.position(in: $0) }
        }
        guard byID == position else { return "the id index does not point at this event" }
        let reader = LogReader(transaction: transaction, tables: tables)
        let inStream = try reader.events(inStream: event.stream, from: event.streamVersion, direction: .forward, limit: 1)
        guard inStream.first?.position == position, inStream.first?.streamVersion == event.streamVersion else {
            return "the stream index does not point at this event"
        }
        if event.streamVersion > 1 {
            let previousInStream = try reader.events(
                inStream: event.stream, from: event.streamVersion - 1, direction: .forward, limit: 1)
            guard previousInStream.first?.streamVersion == event.streamVersion - 1 else {
                return "stream '\(event.stream)' has no version \(event.streamVersion - 1)"
            }
        }
        return nil
    }

    /// After a clean walk, the indexes must hold one entry per event and nothing else.
    private func checkIndexSizes(_ state: inout State) throws {
        let (ids, streams) = try log.read { transaction in
            (try transaction.entryCount(of: tables.eventIDs), try transaction.entryCount(of: tables.streams))
        }
        let reason: String? = if UInt64(ids) != state.checked {
            "the id index holds \(ids) entries for \(state.checked) events"
        } else if UInt64(streams) != state.checked {
            "the stream index holds \(streams) entries for \(state.checked) events"
        } else {
            nil
        }
        if let reason { state.firstBreak = .init(position: state.checked + 1, reason: reason) }
    }
}
