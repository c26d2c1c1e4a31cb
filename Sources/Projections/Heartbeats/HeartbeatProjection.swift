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
        let id = ProjectionKey.id(server)
        let deadlines = try tables.update(HeartbeatState.self, forKey: id, in: tables.table(TableName.servers)) { state in
            let old = state.deadline
            change(&state)
            return (old: old, new: state.deadline)
        }
        guard let deadlines else { return }
        try moveDeadline(of: id, from: deadlines.old, to: deadlines.new, tables)
    }

    /// Records a new server's state.
    private func add(_ state: HeartbeatState, _ tables: ProjectionTables) throws {
        let id = ProjectionKey.id(state.serverID)
        try tables.put(state, forKey: id, in: tables.table(TableName.servers))
        try moveDeadline(of: id, from: nil, to: state.deadline, tables)
    }

    /// Through the batch's cache: a server's deadline moves with every heartbeat, and a batch of them
    /// writes only where it ends up. The table holds one deadline a server, its stored state's, so a
    /// deadline this batch set is withdrawn, not deleted: only the stored one is.
    private func moveDeadline(of server: [UInt8], from old: Timestamp?, to new: Timestamp?, _ tables: ProjectionTables) throws {
        let deadlines = try tables.table(TableName.deadlines)
        if let old {
            tables.withdrawKey(Self.deadlineKey(old, server), in: deadlines)
        }
        if let new {
            tables.putKey(Self.deadlineKey(new, server), in: deadlines)
        }
    }

    /// `deadline ‖ server`, the server given by the key of its state.
    private static func deadlineKey(_ deadline: Timestamp, _ server: [UInt8]) -> [UInt8] {
        ProjectionKey.number(deadline.microsecondsSinceEpoch, followedBy: server)
    }
}
