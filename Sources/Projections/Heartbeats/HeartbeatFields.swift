import EventStore

// A server's heartbeat state field by field (`FieldRecord`): the fold rewrites it for every heartbeat.
// Keys and order are those of `HeartbeatState.CodingKeys`.

extension HeartbeatState: FieldRecord {
    func write(to record: inout RecordFieldWriter) {
        record.field("server_id", serverID)
        record.field("organization_id", organizationID)
        record.field("grace_seconds", graceSeconds)
        record.field("state", state)
        record.field("count", count)
        record.field("last_heartbeat_at", lastHeartbeatAt)
        record.field("last_heartbeat_id", lastHeartbeatID)
    }

    init(from record: inout RecordFields) throws {
        serverID = try record.value("server_id")
        organizationID = try record.value("organization_id")
        graceSeconds = try record.value("grace_seconds")
        state = try record.value("state")
        count = try record.value("count")
        lastHeartbeatAt = try record.optional("last_heartbeat_at")
        lastHeartbeatID = try record.optional("last_heartbeat_id")
    }
}

extension HeartbeatState.State: RecordField {}
