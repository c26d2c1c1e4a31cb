/// Where the log ends: what the next append builds on.
struct LogHead: Sendable {
    var position: UInt64
    var hash: EventHash
    var recordedAt: Timestamp

    static let empty = LogHead(position: 0, hash: .genesis, recordedAt: Timestamp(microsecondsSinceEpoch: 0))

    init(position: UInt64, hash: EventHash, recordedAt: Timestamp) {
        self.position = position
        self.hash = hash
        self.recordedAt = recordedAt
    }

    init(after event: RecordedEvent) {
        self.init(position: event.position, hash: event.hash, recordedAt: event.recordedAt)
    }
}
