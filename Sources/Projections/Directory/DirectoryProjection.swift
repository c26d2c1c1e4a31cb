public import EventStore

/// The directory read model: organizations, users, servers and the credentials that authenticate them,
/// with the lookups the gateway needs (a credential by the hash of a presented secret, a user by email
/// within an organization, an entity by its Hot Potato number).
public struct DirectoryProjection: DomainProjection {
    public let name = "directory"
    public let version: UInt32 = 1
    private let catalog: EventCatalog

    /// The event types this projection folds.
    public static let events: [any DomainEvent.Type] = [
        OrganizationCreated.self, UserCreated.self, CredentialIssued.self, CredentialRevoked.self, ServerCreated.self,
    ]

    public init(catalog: EventCatalog) {
        self.catalog = catalog
    }

    enum TableName {
        static let organizations = "organizations"
        static let users = "users"
        static let userEmails = "user-emails"
        static let servers = "servers"
        static let credentials = "credentials"
        static let numbers = "numbers"
        static let counters = "counters"
    }

    public func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws {
        switch event.type {
        case OrganizationCreated.eventType:
            let created = try catalog.decode(event, as: OrganizationCreated.self)
            try store(created, id: created.organizationID, .organization, created.number, TableName.organizations, tables)
        case UserCreated.eventType:
            let created = try catalog.decode(event, as: UserCreated.self)
            try store(created, id: created.userID, .user, created.number, TableName.users, tables)
            try tables.transaction.put(
                ProjectionKey.id(created.userID), forKey: ProjectionKey.scoped(created.organizationID, created.email.lowercased()),
                in: tables.table(TableName.userEmails))
        case ServerCreated.eventType:
            let created = try catalog.decode(event, as: ServerCreated.self)
            try store(created, id: created.serverID, .server, created.number, TableName.servers, tables)
        case CredentialIssued.eventType:
            let issued = try catalog.decode(event, as: CredentialIssued.self)
            try tables.put(issued, forKey: Array(issued.secretHash.utf8), in: tables.table(TableName.credentials))
        case CredentialRevoked.eventType:
            let revoked = try catalog.decode(event, as: CredentialRevoked.self)
            tables.delete(Array(revoked.secretHash.utf8), in: try tables.table(TableName.credentials))
        default:
            return
        }
    }

    /// Stores a numbered entity's record under its id, `number` of `kind` as that id, and the highest
    /// number of that kind so far.
    private func store<Record: Encodable>(
        _ record: Record, id: TypeID, _ kind: NumberedKind, _ number: Int64, _ tableName: String, _ tables: ProjectionTables
    ) throws {
        try tables.put(record, forKey: ProjectionKey.id(id), in: tables.table(tableName))
        try tables.transaction.put(
            ProjectionKey.id(id), forKey: Array(kind.rawValue.utf8) + ProjectionKey.number(number),
            in: tables.table(TableName.numbers))
        let counters = try tables.table(TableName.counters)
        let highest = try tables.get(Int64.self, forKey: Array(kind.rawValue.utf8), in: counters) ?? 0
        tables.put(max(highest, number), forKey: Array(kind.rawValue.utf8), in: counters)
    }
}

/// The kinds of entity that Hot Potato shows by a sequential integer id.
public enum NumberedKind: String, Sendable, CaseIterable {
    case organization
    case user
    case server
}
