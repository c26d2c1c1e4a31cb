import EventStore
import Foundation
import Projections

/// `POST /v1/organizations`.
struct NewOrganization: Decodable, Sendable {
    let name: String

    func validated() throws -> NewOrganization {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw GatewayError.invalid("name", "must not be blank", in: "organization") }
        return self
    }
}

/// `POST /v1/users`.
struct NewUser: Decodable, Sendable {
    let organizationID: TypeID?
    let name: String
    let email: String
    /// E.164: `+` and 7 to 15 digits.
    let phone: String
    /// An IANA name; UTC when left out.
    let timeZone: String

    enum CodingKeys: String, CodingKey {
        case organizationID = "organization_id"
        case name, email, phone
        case timeZone = "time_zone"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organizationID = try container.decodeIfPresent(TypeID.self, forKey: .organizationID)
        name = try container.decode(String.self, forKey: .name)
        email = try container.decode(String.self, forKey: .email)
        phone = try container.decode(String.self, forKey: .phone)
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC"
    }

    func validated() throws -> NewUser {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw GatewayError.invalid("name", "must not be blank", in: "user") }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !email.contains(where: \.isWhitespace)
        else {
            throw GatewayError.invalid("email", "must be an email address", in: "user")
        }
        let digits = phone.dropFirst()
        guard phone.first == "+", (7...15).contains(digits.count), digits.first != "0", digits.allSatisfy(\.isASCII),
              digits.allSatisfy(\.isNumber)
        else { throw GatewayError.invalid("phone", "must be in E.164 form, like +64211234567", in: "user") }
        guard TimeZone(identifier: timeZone) != nil else {
            throw GatewayError.invalid("time_zone", "must be an IANA time zone, like Pacific/Auckland", in: "user")
        }
        return self
    }
}

/// `POST /v1/organizations/<id>/clients`.
struct NewClient: Decodable, Sendable {
    let name: String?
}

/// `POST /v1/users/<id>/api-keys`.
struct NewAPIKey: Decodable, Sendable {
    let name: String?
}

/// `POST /v1/servers`.
struct NewServer: Decodable, Sendable {
    let organizationID: TypeID?
    let name: String
    let hostname: String?
    let heartbeatGraceSeconds: Int64?

    enum CodingKeys: String, CodingKey {
        case organizationID = "organization_id"
        case name, hostname
        case heartbeatGraceSeconds = "heartbeat_grace_seconds"
    }

    func validated() throws -> NewServer {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw GatewayError.invalid("name", "must not be blank", in: "server") }
        if let grace = heartbeatGraceSeconds, !(10...604_800).contains(grace) {
            throw GatewayError.invalid("heartbeat_grace_seconds", "must be from 10 to 604800", in: "server")
        }
        return self
    }
}

/// `POST /v1/oauth/token`, as form fields (or JSON).
struct TokenRequest: Decodable, Sendable {
    let grantType: String
    let clientID: String?
    let clientSecret: String?

    enum CodingKeys: String, CodingKey {
        case grantType = "grant_type"
        case clientID = "client_id"
        case clientSecret = "client_secret"
    }
}

/// `POST /v1/schedules` and `PUT /v1/schedules/<id>`: a rotation.
struct NewSchedule: Decodable, Sendable {
    let organizationID: TypeID?
    let name: String
    /// User ids, in rotation order.
    let members: [TypeID]
    let firstHandoff: Timestamp
    let shiftDays: Int?
    let shiftHours: Int?
    let timeZone: String
    let escalationTimeoutSeconds: Int64?

    enum CodingKeys: String, CodingKey {
        case organizationID = "organization_id"
        case name, members
        case firstHandoff = "first_handoff"
        case shiftDays = "shift_days"
        case shiftHours = "shift_hours"
        case timeZone = "time_zone"
        case escalationTimeoutSeconds = "escalation_timeout_seconds"
    }

    /// The definition the events carry, once every field is within its bounds.
    func definition() throws -> ScheduleDefinition {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw GatewayError.invalid("name", "must not be blank", in: "schedule") }
        guard !members.isEmpty, Set(members).count == members.count else {
            throw GatewayError.invalid("members", "must name at least one user, each once", in: "schedule")
        }
        switch (shiftDays, shiftHours) {
        case let (days?, nil) where (1...366).contains(days): break
        case let (nil, hours?) where (1...8_784).contains(hours): break
        default: throw GatewayError.invalid("shift_days", "or shift_hours must be given, one of them, and be positive", in: "schedule")
        }
        guard TimeZone(identifier: timeZone) != nil else {
            throw GatewayError.invalid("time_zone", "must be an IANA time zone, like Pacific/Auckland", in: "schedule")
        }
        let timeout = escalationTimeoutSeconds ?? 300
        guard (30...86_400).contains(timeout) else {
            throw GatewayError.invalid("escalation_timeout_seconds", "must be from 30 to 86400", in: "schedule")
        }
        return ScheduleDefinition(
            name: name, members: members, firstHandoff: firstHandoff, shiftDays: shiftDays, shiftHours: shiftHours,
            timeZone: timeZone, escalationTimeoutSeconds: timeout)
    }
}

/// `POST /v1/schedules/<id>/overrides`: someone takes the pager for a while.
struct NewOverride: Decodable, Sendable {
    let userID: TypeID
    let start: Timestamp
    let end: Timestamp

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case start, end
    }

    func validated() throws -> NewOverride {
        guard start < end else { throw GatewayError.invalid("end", "must be after start", in: "override") }
        return self
    }
}
