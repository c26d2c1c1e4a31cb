/// The directory's events: who and what exists. Entities the Hot Potato API shows by integer id carry a
/// sequential `number`, assigned when the command is handled (the creating event's stream is named after it
/// and appended with `.noStream`, so two creations can never take the same number).

/// An organization (tenant) was created.
public struct OrganizationCreated: DomainEvent {
    public static let eventType = "organization.created"
    public static let schemaVersion: UInt32 = 1
    public let organizationID: TypeID
    public let number: Int64
    public let name: String

    public init(organizationID: TypeID, number: Int64, name: String) {
        self.organizationID = organizationID
        self.number = number
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case organizationID = "organization_id"
        case number
        case name
    }
}

/// A person who can be paged was added to an organization.
public struct UserCreated: DomainEvent {
    public static let eventType = "user.created"
    public static let schemaVersion: UInt32 = 1
    public let userID: TypeID
    public let number: Int64
    public let organizationID: TypeID
    public let name: String
    /// Lower-cased: emails match case-insensitively (CSV uploads name people by email).
    public let email: String
    /// E.164, as the SMS gateway wants it.
    public let phone: String
    /// An IANA time-zone name.
    public let timeZone: String

    public init(
        userID: TypeID, number: Int64, organizationID: TypeID, name: String, email: String, phone: String,
        timeZone: String
    ) {
        self.userID = userID
        self.number = number
        self.organizationID = organizationID
        self.name = name
        self.email = email
        self.phone = phone
        self.timeZone = timeZone
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case number
        case organizationID = "organization_id"
        case name
        case email
        case phone
        case timeZone = "time_zone"
    }
}

/// A secret was issued: a user's API key or a monitoring server's API key.
/// Only its SHA-256 is recorded; the clear value is shown once, in the response that created it.
public struct CredentialIssued: DomainEvent {
    public static let eventType = "credential.issued"
    public static let schemaVersion: UInt32 = 1

    /// What the secret authenticates, which decides the API family that accepts it.
    public enum Kind: String, Codable, Sendable {
        case userAPIKey = "user_api_key"
        case serverAPIKey = "server_api_key"
    }

    public let credentialID: TypeID
    public let kind: Kind
    /// The user or server it authenticates.
    public let ownerID: TypeID
    public let organizationID: TypeID?
    public let name: String
    /// Lower-case hex SHA-256 of the secret.
    public let secretHash: String

    public init(
        credentialID: TypeID, kind: Kind, ownerID: TypeID, organizationID: TypeID?, name: String, secretHash: String
    ) {
        self.credentialID = credentialID
        self.kind = kind
        self.ownerID = ownerID
        self.organizationID = organizationID
        self.name = name
        self.secretHash = secretHash
    }

    enum CodingKeys: String, CodingKey {
        case credentialID = "credential_id"
        case kind
        case ownerID = "owner_id"
        case organizationID = "organization_id"
        case name
        case secretHash = "secret_hash"
    }
}

/// A credential stopped working.
public struct CredentialRevoked: DomainEvent {
    public static let eventType = "credential.revoked"
    public static let schemaVersion: UInt32 = 1
    public let credentialID: TypeID
    public let secretHash: String

    public init(credentialID: TypeID, secretHash: String) {
        self.credentialID = credentialID
        self.secretHash = secretHash
    }

    enum CodingKeys: String, CodingKey {
        case credentialID = "credential_id"
        case secretHash = "secret_hash"
    }
}

/// A monitoring server was added to an organization.
public struct ServerCreated: DomainEvent {
    public static let eventType = "server.created"
    public static let schemaVersion: UInt32 = 1
    public let serverID: TypeID
    public let number: Int64
    public let organizationID: TypeID
    public let name: String
    public let hostname: String
    /// How long after its last heartbeat the server counts as missing.
    public let heartbeatGraceSeconds: Int64

    public init(
        serverID: TypeID, number: Int64, organizationID: TypeID, name: String, hostname: String,
        heartbeatGraceSeconds: Int64
    ) {
        self.serverID = serverID
        self.number = number
        self.organizationID = organizationID
        self.name = name
        self.hostname = hostname
        self.heartbeatGraceSeconds = heartbeatGraceSeconds
    }

    enum CodingKeys: String, CodingKey {
        case serverID = "server_id"
        case number
        case organizationID = "organization_id"
        case name
        case hostname
        case heartbeatGraceSeconds = "heartbeat_grace_seconds"
    }
}
