public import EventStore

/// The heartbeat read model: each server's heartbeat state, and its deadlines in time order, so that the
/// missed-heartbeat worker finds every overdue server with one short scan.
public struct HeartbeatProjection: DomainProjection {
    public let name = "heartbeats"
    /// 2: records in `RecordCoding` bytes instead of JSON.
    public let version: UInt32 = 2
    private let catalog: EventCatalog

    public static let events: [any DomainEvent.Type] = [
        ServerCreated.self, HeartbeatReceived.self, HeartbeatMissed.self, HeartbeatRecovered.self,
    ]

    public init(catalog: EventCatalog) {
        self.catalog = catalog
    }

    enum TableName {
        static let servers = "servers"
        /// `deadline ‖ server id` → nothing, for servers that are `ok`.
        static let deadlines = "deadlines"
    }

    public func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws {
        switch event.type {
        case ServerCreated.eventType:
            let created = try catalog.decode(event, as: ServerCreated.self)
            try add(HeartbeatState(
                serverID: created.serverID, organizationID: created.organizationID,
                graceSeconds: created.heartbeatGraceSeconds), tables)
        case HeartbeatReceived.eventType:
            let received = try catalog.decode(event, as: HeartbeatReceived.self)
            try update(received.serverID, tables) { state in
                state.state = .ok
                state.count += 1
                state.lastHeartbeatAt = event.recordedAt
                state.lastHeartbeatID = event.position
            }
        case HeartbeatMissed.eventType:
            let missed = try catalog.decode(event, as: HeartbeatMissed.self)
            try update(missed.serverID, tables) { $0.state = .missed }
        case HeartbeatRecovered.eventType:
            let recovered = try catalog.decode(event, as: HeartbeatRecovered.self)
            try update(recovered.serverID, tables) { $0.state = .ok }
        default:
            return
        }
    }

    /// Changes a known server's state; events of an unknown server change nothing.
    private func update(_ server: TypeID, _ tables: ProjectionTables, _ change: (inout HeartbeatState) -> Void) throws {
        try tables.update(
            HeartbeatState.self, forKey: ProjectionKey.id(server), in: tables.table(TableName.servers),
            indexedIn: tables.table(TableName.deadlines), change)
    }

    /// Records a new server's state.
    private func add(_ state: HeartbeatState, _ tables: ProjectionTables) throws {
        try tables.put(
            state, forKey: ProjectionKey.id(state.serverID), in: tables.table(TableName.servers),
            indexedIn: tables.table(TableName.deadlines))
    }
}

/// A server's deadline index holds `deadline ‖ server` for each server that is `ok`, the server given by
/// the key of its state: the batch moves it once, however many heartbeats moved the deadline.
extension HeartbeatState: IndexedRecord {
    func indexKey(recordKey: [UInt8]) -> [UInt8]? {
        deadline.map { ProjectionKey.number($0.microsecondsSinceEpoch, followedBy: recordKey) }
    }
}
