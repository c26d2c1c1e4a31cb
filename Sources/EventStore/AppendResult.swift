/// What a successful append produced.
public struct AppendResult: Sendable, Equatable {
    /// The batch as recorded, in order.
    public let events: [RecordedEvent]
    /// `true` when every event id was already in the log: nothing was written and `events` are the originals.
    public let wasDuplicate: Bool

    public var firstPosition: UInt64 { events.first?.position ?? 0 }
    public var lastPosition: UInt64 { events.last?.position ?? 0 }
    public var streamVersion: UInt64 { events.last?.streamVersion ?? 0 }
}
