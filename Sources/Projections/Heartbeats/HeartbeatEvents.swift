public import EventStore

/// A monitoring server sent a heartbeat. Its Hot Potato `id` is this event's log position and its
/// `recieved_dt` the event's recorded-at, so neither is repeated in the payload.
public struct HeartbeatReceived: ServerHeartbeatEvent {
    public static let eventType = "heartbeat.received"
    public static let schemaVersion: UInt32 = 1
    public let serverID: TypeID
    public let organizationID: TypeID

    public init(serverID: TypeID, organizationID: TypeID) {
        self.serverID = serverID
        self.organizationID = organizationID
    }
}

/// The heartbeat worker decided that a server's heartbeats stopped: none came before `deadline`.
public struct HeartbeatMissed: DomainEvent {
    public static let eventType = "heartbeat.missed"
    public static let schemaVersion: UInt32 = 1
    public let serverID: TypeID
    public let organizationID: TypeID
    public let lastHeartbeatAt: Timestamp
    public let deadline: Timestamp

    public init(serverID: TypeID, organizationID: TypeID, lastHeartbeatAt: Timestamp, deadline: Timestamp) {
        self.serverID = serverID
        self.organizationID = organizationID
        self.lastHeartbeatAt = lastHeartbeatAt
        self.deadline = deadline
    }

    enum CodingKeys: String, CodingKey {
        case serverID = "server_id"
        case organizationID = "organization_id"
        case lastHeartbeatAt = "last_heartbeat_at"
        case deadline
    }
}

/// A server whose heartbeats were missed sent one again.
public struct HeartbeatRecovered: ServerHeartbeatEvent {
    public static let eventType = "heartbeat.recovered"
    public static let schemaVersion: UInt32 = 1
    public let serverID: TypeID
    public let organizationID: TypeID

    public init(serverID: TypeID, organizationID: TypeID) {
        self.serverID = serverID
        self.organizationID = organizationID
    }
}

/// One server's heartbeats, as the read model keeps them.
public struct HeartbeatState: Codable, Sendable, Equatable {
    /// Whether the server's heartbeats arrive within its grace period; a heartbeat of a missed server records its recovery.
    public enum State: String, Codable, Sendable {
        /// No heartbeat yet: nothing can be missed.
        case never
        case ok
        case missed
    }

    public let serverID: TypeID
    public let organizationID: TypeID
    public let graceSeconds: Int64
    public var state: State = .never
    public var count: Int64 = 0
    public var lastHeartbeatAt: Timestamp?
    /// The Hot Potato id (log position) of the last heartbeat.
    public var lastHeartbeatID: UInt64?

    /// When the server counts as missing if no heartbeat comes first; `nil` unless it is `ok`.
    public var deadline: Timestamp? {
        guard state == .ok, let last = lastHeartbeatAt else { return nil }
        return Timestamp(microsecondsSinceEpoch: last.microsecondsSinceEpoch + graceSeconds * 1_000_000)
    }

    enum CodingKeys: String, CodingKey {
        case serverID = "server_id"
        case organizationID = "organization_id"
        case graceSeconds = "grace_seconds"
        case state
        case count
        case lastHeartbeatAt = "last_heartbeat_at"
        case lastHeartbeatID = "last_heartbeat_id"
    }
}
