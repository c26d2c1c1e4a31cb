/// An organization asked to be told about events over HTTP.
public struct WebhookCreated: DomainEvent {
    public static let eventType = "webhook.created"
    public static let schemaVersion: UInt32 = 1
    public let webhookID: TypeID
    public let organizationID: TypeID
    public let url: String
    /// Event types to deliver; empty for all.
    public let eventTypes: [String]
    /// Lower-case hex SHA-256 of the signing secret, which is shown once.
    public let secretHash: String

    public init(webhookID: TypeID, organizationID: TypeID, url: String, eventTypes: [String], secretHash: String) {
        self.webhookID = webhookID
        self.organizationID = organizationID
        self.url = url
        self.eventTypes = eventTypes
        self.secretHash = secretHash
    }

    enum CodingKeys: String, CodingKey {
        case webhookID = "webhook_id"
        case organizationID = "organization_id"
        case url
        case eventTypes = "event_types"
        case secretHash = "secret_hash"
    }

    /// Whether an event of `type` goes to this webhook.
    public func wants(_ type: String) -> Bool {
        eventTypes.isEmpty || eventTypes.contains(type)
    }
}

/// An organization stopped a webhook: nothing more is delivered to its URL.
public struct WebhookDeleted: DomainEvent {
    public static let eventType = "webhook.deleted"
    public static let schemaVersion: UInt32 = 1
    public let webhookID: TypeID
    public let organizationID: TypeID

    public init(webhookID: TypeID, organizationID: TypeID) {
        self.webhookID = webhookID
        self.organizationID = organizationID
    }

    enum CodingKeys: String, CodingKey {
        case webhookID = "webhook_id"
        case organizationID = "organization_id"
    }
}
