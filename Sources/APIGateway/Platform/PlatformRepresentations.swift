import EventStore
import Projections

/// How the platform API shows the directory's records, each with its links.
enum PlatformRepresentation {
    struct Organization: Encodable, Sendable {
        let id: String
        /// The integer id the Hot Potato API shows (`tenant_id`).
        let number: Int64
        let name: String
    }

    struct User: Encodable, Sendable {
        let id: String
        let number: Int64
        let organizationID: String
        let name: String
        let email: String
        let phone: String
        let timeZone: String

        enum CodingKeys: String, CodingKey {
            case id, number, name, email, phone
            case organizationID = "organization_id"
            case timeZone = "time_zone"
        }
    }

    struct APIKey: Encodable, Sendable {
        let id: String
        let name: String
        let userID: String
        /// The clear key: only in the answer that created it.
        let key: String?

        enum CodingKeys: String, CodingKey {
            case id, name, key
            case userID = "user_id"
        }
    }

    struct Server: Encodable, Sendable {
        let id: String
        /// The integer id the Hot Potato API shows (`server_id`).
        let number: Int64
        let organizationID: String
        let name: String
        let hostname: String
        let heartbeatGraceSeconds: Int64
        /// The clear API key: only in the answer that created the server.
        let apiKey: String?

        enum CodingKeys: String, CodingKey {
            case id, number, name, hostname
            case organizationID = "organization_id"
            case heartbeatGraceSeconds = "heartbeat_grace_seconds"
            case apiKey = "api_key"
        }
    }

    struct Schedule: Encodable, Sendable {
        struct Override: Encodable, Sendable {
            let id: String
            let userID: String
            let start: String
            let end: String

            enum CodingKeys: String, CodingKey {
                case id, start, end
                case userID = "user_id"
            }
        }

        let id: String
        let organizationID: String
        let name: String
        let members: [String]
        let firstHandoff: String
        let shiftDays: Int?
        let shiftHours: Int?
        let timeZone: String
        let escalationTimeoutSeconds: Int64
        let overrides: [Override]

        enum CodingKeys: String, CodingKey {
            case id, name, members, overrides
            case organizationID = "organization_id"
            case firstHandoff = "first_handoff"
            case shiftDays = "shift_days"
            case shiftHours = "shift_hours"
            case timeZone = "time_zone"
            case escalationTimeoutSeconds = "escalation_timeout_seconds"
        }
    }

    static func schedule(_ record: ScheduleRecord) -> HALResource<Schedule> {
        let id = record.scheduleID.description
        let definition = record.definition
        return HALResource(
            body: Schedule(
                id: id, organizationID: record.organizationID.description, name: definition.name,
                members: definition.members.map(\.description), firstHandoff: definition.firstHandoff.iso8601Seconds,
                shiftDays: definition.shiftDays, shiftHours: definition.shiftHours, timeZone: definition.timeZone,
                escalationTimeoutSeconds: definition.escalationTimeoutSeconds,
                overrides: record.overrides.map {
                    .init(id: $0.overrideID.description, userID: $0.userID.description, start: $0.start.iso8601Seconds, end: $0.end.iso8601Seconds)
                }),
            links: [
                "self": Link(href: "/v1/schedules/\(id)"),
                "overrides": Link(href: "/v1/schedules/\(id)/overrides"),
                "organization": Link(href: "/v1/organizations/\(record.organizationID)"),
            ])
    }

    struct Client: Encodable, Sendable {
        let clientID: String
        /// Only in the answer that created the client.
        let clientSecret: String?
        let organizationID: String?
        let name: String

        enum CodingKeys: String, CodingKey {
            case name
            case clientID = "client_id"
            case clientSecret = "client_secret"
            case organizationID = "organization_id"
        }
    }

    static func client(_ client: AdminClientCreated, secret: String?) -> HALResource<Client> {
        var links = ["token": Link(href: "/v1/oauth/token")]
        if let organization = client.organizationID { links["organization"] = Link(href: "/v1/organizations/\(organization)") }
        return HALResource(
            body: Client(clientID: client.clientID, clientSecret: secret, organizationID: client.organizationID?.description, name: client.name),
            links: links)
    }

    static func organization(_ organization: OrganizationCreated) -> HALResource<Organization> {
        let id = organization.organizationID.description
        return HALResource(
            body: Organization(id: id, number: organization.number, name: organization.name),
            links: [
                "self": Link(href: "/v1/organizations/\(id)"),
                "users": Link(href: "/v1/users?organization_id=\(id)"),
                "servers": Link(href: "/v1/servers?organization_id=\(id)"),
                "clients": Link(href: "/v1/organizations/\(id)/clients"),
            ])
    }

    static func user(_ user: UserCreated) -> HALResource<User> {
        let id = user.userID.description
        return HALResource(
            body: User(
                id: id, number: user.number, organizationID: user.organizationID.description, name: user.name,
                email: user.email, phone: user.phone, timeZone: user.timeZone),
            links: [
                "self": Link(href: "/v1/users/\(id)"),
                "api-keys": Link(href: "/v1/users/\(id)/api-keys"),
                "organization": Link(href: "/v1/organizations/\(user.organizationID)"),
            ])
    }

    static func apiKey(_ credential: CredentialIssued, key: String? = nil) -> HALResource<APIKey> {
        let user = credential.ownerID.description
        return HALResource(
            body: APIKey(id: credential.credentialID.description, name: credential.name, userID: user, key: key),
            links: [
                "self": Link(href: "/v1/users/\(user)/api-keys/\(credential.credentialID)"),
                "user": Link(href: "/v1/users/\(user)"),
            ])
    }

    static func server(_ server: ServerCreated, apiKey: String? = nil) -> HALResource<Server> {
        let id = server.serverID.description
        return HALResource(
            body: Server(
                id: id, number: server.number, organizationID: server.organizationID.description, name: server.name,
                hostname: server.hostname, heartbeatGraceSeconds: server.heartbeatGraceSeconds, apiKey: apiKey),
            links: [
                "self": Link(href: "/v1/servers/\(id)"),
                "organization": Link(href: "/v1/organizations/\(server.organizationID)"),
            ])
    }
}
