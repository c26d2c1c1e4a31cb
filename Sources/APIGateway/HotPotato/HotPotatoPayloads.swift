import EventStore
import Projections

/// The `data` of a heartbeat response, field names as in the seed (`recieved_dt` included).
struct HeartbeatData: JSONMembersWriting, Sendable {
    let id: UInt64
    let serverID: Int64
    let receivedAt: String

    init(_ heartbeat: RecordedHeartbeat, server: ServerCreated) {
        id = heartbeat.id
        serverID = server.number
        receivedAt = heartbeat.receivedAt.spaceSeparated
    }

    enum CodingKeys: String, CodingKey {
        case id
        case serverID = "server_id"
        case receivedAt = "recieved_dt"
    }

    func writeMembers(to members: inout JSONMembers) throws {
        try members.write(id, for: CodingKeys.id)
        try members.write(receivedAt, for: CodingKeys.receivedAt)
        try members.write(serverID, for: CodingKeys.serverID)
    }
}

/// The `data` of `POST /api/servers/v2/notifications/send`: the seed's fields plus `id`, the
/// notification's integer id. `user_id` (whom it went to) is `null` when nobody could be paged.
struct SentNotificationData: Encodable, Sendable {
    let sent: SentNotification
    let server: ServerCreated
    let organization: OrganizationCreated

    func encode(to encoder: any Encoder) throws {
        let notification = sent.notification
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(notification.number, forKey: .id)
        try container.encode(organization.number, forKey: .tenantID)
        try container.encode(sent.onCall?.number, forKey: .userID)
        try container.encode(notification.kind, forKey: .kind)
        try container.encode(server.number, forKey: .serverID)
        try container.encode(server.name, forKey: .serverName)
        try container.encode(notification.troubleCode, forKey: .troubleCode)
        try container.encode(notification.hostname, forKey: .hostname)
        try container.encode(notification.displayName, forKey: .displayName)
        try container.encode(notification.serviceName, forKey: .serviceName)
        try container.encode(notification.state, forKey: .state)
        try container.encode(notification.output, forKey: .output)
        try container.encode(sent.recordedAt.spaceSeparated, forKey: .timestamp)
    }

    enum CodingKeys: String, CodingKey {
        case id
        case tenantID = "tenant_id"
        case userID = "user_id"
        case kind = "notif_type"
        case serverID = "server_id"
        case serverName = "server_name"
        case troubleCode = "trouble_code"
        case hostname
        case displayName = "display_name"
        case serviceName = "service_name"
        case state
        case output
        case timestamp
    }
}

/// A notification as `GET /notifications/get/<id>` and V1's `add/notification` show it: the seed's
/// run-together field names, plus the integer `id` and the current `status`.
struct NotificationData: Encodable, Sendable {
    let id: Int64
    let hostname: String
    let servicename: String
    let troublecode: String
    let displayname: String
    let output: String
    let notificationtype: String
    let state: String
    let status: String

    init(_ notification: NotificationCreated, status: NotificationRecord.Status) {
        id = notification.number
        hostname = notification.hostname
        servicename = notification.serviceName
        troublecode = notification.troubleCode
        displayname = notification.displayName
        output = notification.output
        notificationtype = notification.kind
        state = notification.state
        self.status = status.rawValue
    }
}
