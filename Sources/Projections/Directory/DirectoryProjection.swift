public import EventStore

/// The directory read model: organizations, users, servers, the credentials that authenticate them and the
/// admin clients and access tokens of the platform API, with the lookups the gateway needs (a credential by
/// the hash of a presented secret, a user by email within an organization, an entity by its Hot Potato
/// number, an organization's users and servers in number order).
public struct DirectoryProjection: DomainProjection {
    public let name = "directory"
    /// 2: admin clients, access tokens, and the per-organization and per-owner listings;
    /// 3: records in `RecordCoding` bytes instead of JSON;
    /// 4: expired access tokens dropped.
    public let version: UInt32 = 4
    private let catalog: EventCatalog

    /// The event types this projection folds.
    public static let events: [any DomainEvent.Type] = [
        OrganizationCreated.self, UserCreated.self, CredentialIssued.self, CredentialRevoked.self, ServerCreated.self,
        AdminClientCreated.self, AccessTokenIssued.self,
    ]

    public init(catalog: EventCatalog) {
        self.catalog = catalog
    }

    enum TableName {
        static let organizations = "organizations"
        static let users = "users"
        static let userEmails = "user-emails"
        static let servers = "servers"
        /// Secret hash → the credential.
        static let credentials = "credentials"
        /// `owner ‖ 0 ‖ credential id` → secret hash, for the live credentials of a user or server.
        static let ownedCredentials = "owned-credentials"
        /// `kind ‖ number` → id.
        static let numbers = "numbers"
        /// `kind` → the highest number given out; `organization ‖ 0 ‖ kind` → how many it has.
        static let counters = "counters"
        /// `organization ‖ 0 ‖ kind ‖ 0 ‖ number` → id.
        static let members = "members"
        static let clients = "clients"
        static let tokens = "tokens"
        /// `expires-at ‖ token hash` → nothing: the live tokens in the order they expire.
        static let tokenExpiries = "token-expiries"
    }

    public func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws {
        switch event.type {
        case OrganizationCreated.eventType:
            let created = try catalog.decode(event, as: OrganizationCreated.self)
            try store(created, id: created.organizationID, .organization, created.number, TableName.organizations, tables)
        case UserCreated.eventType:
            let created = try catalog.decode(event, as: UserCreated.self)
            try store(created, id: created.userID, .user, created.number, TableName.users, tables)
            try addMember(created.userID, .user, created.number, to: created.organizationID, tables)
            try tables.transaction.put(
                ProjectionKey.id(created.userID), forKey: ProjectionKey.scoped(created.organizationID, created.email.lowercased()),
                in: tables.table(TableName.userEmails))
        case ServerCreated.eventType:
            let created = try catalog.decode(event, as: ServerCreated.self)
            try store(created, id: created.serverID, .server, created.number, TableName.servers, tables)
            try addMember(created.serverID, .server, created.number, to: created.organizationID, tables)
        case CredentialIssued.eventType:
            let issued = try catalog.decode(event, as: CredentialIssued.self)
            try tables.put(issued, forKey: Array(issued.secretHash.utf8), in: tables.table(TableName.credentials))
            try tables.transaction.put(
                Array(issued.secretHash.utf8), forKey: Self.ownedKey(issued.ownerID, issued.credentialID),
                in: tables.table(TableName.ownedCredentials))
        case CredentialRevoked.eventType:
            let revoked = try catalog.decode(event, as: CredentialRevoked.self)
            let credentials = try tables.table(TableName.credentials)
            guard let issued = try tables.get(CredentialIssued.self, forKey: Array(revoked.secretHash.utf8), in: credentials) else {
                return
            }
            tables.delete(Array(revoked.secretHash.utf8), in: credentials)
            try tables.transaction.delete(
                Self.ownedKey(issued.ownerID, issued.credentialID), in: tables.table(TableName.ownedCredentials))
        case AdminClientCreated.eventType:
            let created = try catalog.decode(event, as: AdminClientCreated.self)
            try tables.put(created, forKey: Array(created.clientID.utf8), in: tables.table(TableName.clients))
        case AccessTokenIssued.eventType:
            let issued = try catalog.decode(event, as: AccessTokenIssued.self)
            try dropTokens(expiredBy: event.recordedAt, tables)
            try tables.put(issued, forKey: Array(issued.tokenHash.utf8), in: tables.table(TableName.tokens))
            try tables.transaction.put(
                [], forKey: Self.expiryKey(issued.expiresAt, issued.tokenHash), in: tables.table(TableName.tokenExpiries))
        default:
            return
        }
    }

    /// Forgets every token that expired at or before `instant`, when a new one is issued: an expired token
    /// never works again, and without this the table would keep every token ever issued.
    private func dropTokens(expiredBy instant: Timestamp, _ tables: ProjectionTables) throws {
        let expiries = try tables.table(TableName.tokenExpiries)
        var expired: [[UInt8]] = []
        try tables.transaction.scan(expiries) { key, _ in
            guard ProjectionKey.number(in: key, at: 0) <= instant.microsecondsSinceEpoch else { return false }
            expired.append(Array(key))
            return true
        }
        let tokens = try tables.table(TableName.tokens)
        for key in expired {
            _ = try tables.transaction.delete(key, in: expiries)
            tables.delete(Array(key.dropFirst(ProjectionKey.numberSize)), in: tokens)
        }
    }

    static func expiryKey(_ expiresAt: Timestamp, _ tokenHash: String) -> [UInt8] {
        ProjectionKey.number(expiresAt.microsecondsSinceEpoch) + Array(tokenHash.utf8)
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
        try increase(Array(kind.rawValue.utf8), toAtLeast: number, tables)
    }

    /// Lists `id` among `organization`'s members of `kind` and counts it.
    private func addMember(
        _ id: TypeID, _ kind: NumberedKind, _ number: Int64, to organization: TypeID, _ tables: ProjectionTables
    ) throws {
        try tables.transaction.put(
            ProjectionKey.id(id), forKey: Self.memberPrefix(organization, kind) + ProjectionKey.number(number),
            in: tables.table(TableName.members))
        let countKey = Self.memberPrefix(organization, kind)
        let count = try tables.get(Int64.self, forKey: countKey, in: tables.table(TableName.counters)) ?? 0
        try increase(countKey, toAtLeast: count + 1, tables)
    }

    private func increase(_ key: [UInt8], toAtLeast value: Int64, _ tables: ProjectionTables) throws {
        let counters = try tables.table(TableName.counters)
        let current = try tables.get(Int64.self, forKey: key, in: counters) ?? 0
        tables.put(max(current, value), forKey: key, in: counters)
    }

    static func memberPrefix(_ organization: TypeID, _ kind: NumberedKind) -> [UInt8] {
        ProjectionKey.scoped(organization, kind.rawValue) + [0]
    }

    static func ownedKey(_ owner: TypeID, _ credential: TypeID) -> [UInt8] {
        ProjectionKey.scoped(owner, credential.description)
    }
}

/// The kinds of entity that Hot Potato shows by a sequential integer id.
public enum NumberedKind: String, Sendable, CaseIterable {
    case organization
    case user
    case server
}
