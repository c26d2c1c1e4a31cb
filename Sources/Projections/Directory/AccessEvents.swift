public import EventStore

/// The events of platform access: the OAuth clients administrators use and the access tokens issued to them.

/// A platform admin OAuth client was created: the bootstrap client on first start, or one made for an
/// organization. Only the SHA-256 of its secret is recorded.
public struct AdminClientCreated: DomainEvent {
    public static let eventType = "admin_client.created"
    public static let schemaVersion: UInt32 = 1
    /// The OAuth `client_id`: chosen by whoever created it (the bootstrap's can come from the environment).
    public let clientID: String
    /// `nil` for an installation-wide client, which may act for every organization.
    public let organizationID: TypeID?
    public let name: String
    /// Lower-case hex SHA-256 of the client secret.
    public let secretHash: String

    public init(clientID: String, organizationID: TypeID?, name: String, secretHash: String) {
        self.clientID = clientID
        self.organizationID = organizationID
        self.name = name
        self.secretHash = secretHash
    }

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id"
        case organizationID = "organization_id"
        case name
        case secretHash = "secret_hash"
    }
}

/// An OAuth access token was issued to an admin client (client-credentials grant). Only its SHA-256 is
/// recorded; it stops working at `expiresAt`.
public struct AccessTokenIssued: DomainEvent {
    public static let eventType = "access_token.issued"
    public static let schemaVersion: UInt32 = 1
    public let clientID: String
    public let organizationID: TypeID?
    public let tokenHash: String
    public let expiresAt: Timestamp

    public init(clientID: String, organizationID: TypeID?, tokenHash: String, expiresAt: Timestamp) {
        self.clientID = clientID
        self.organizationID = organizationID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id"
        case organizationID = "organization_id"
        case tokenHash = "token_hash"
        case expiresAt = "expires_at"
    }
}
