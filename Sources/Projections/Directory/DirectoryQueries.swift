/// Questions the directory answers, in one read snapshot. Everything that belongs to an organization is
/// looked up within one: another organization's id answers `nil`, exactly like an unknown one.
public struct DirectoryQueries {
    private let reader: ProjectionReader
    private typealias TableName = DirectoryProjection.TableName

    public init(_ reader: ProjectionReader) {
        self.reader = reader
    }

    public func organization(_ id: TypeID) throws -> OrganizationCreated? {
        try reader.get(OrganizationCreated.self, forKey: ProjectionKey.id(id), in: TableName.organizations)
    }

    public func organization(number: Int64) throws -> OrganizationCreated? {
        try id(of: .organization, number: number).flatMap(organization)
    }

    /// The user `id` if it belongs to `organization`; any organization's for `nil` (installation-wide
    /// administrators only).
    public func user(_ id: TypeID, in organization: TypeID?) throws -> UserCreated? {
        try reader.get(UserCreated.self, forKey: ProjectionKey.id(id), in: TableName.users)
            .flatMap { organization == nil || $0.organizationID == organization ? $0 : nil }
    }

    /// `email` is matched case-insensitively.
    public func user(email: String, in organization: TypeID) throws -> UserCreated? {
        guard let table = reader.table(TableName.userEmails),
              let bytes = try reader.transaction.value(in: table, forKey: ProjectionKey.scoped(organization, email.lowercased())),
              let id = TypeID(String(decoding: bytes, as: UTF8.self))
        else { return nil }
        return try user(id, in: organization)
    }

    public func user(number: Int64, in organization: TypeID) throws -> UserCreated? {
        try id(of: .user, number: number).flatMap { try user($0, in: organization) }
    }

    /// The server `id` if it belongs to `organization`; any organization's for `nil` (installation-wide
    /// administrators only).
    public func server(_ id: TypeID, in organization: TypeID?) throws -> ServerCreated? {
        try reader.get(ServerCreated.self, forKey: ProjectionKey.id(id), in: TableName.servers)
            .flatMap { organization == nil || $0.organizationID == organization ? $0 : nil }
    }

    public func server(number: Int64, in organization: TypeID) throws -> ServerCreated? {
        try id(of: .server, number: number).flatMap { try server($0, in: organization) }
    }

    /// The live credential whose secret hashes to `secretHash`: how a request is authenticated.
    public func credential(secretHash: String) throws -> CredentialIssued? {
        try reader.get(CredentialIssued.self, forKey: Array(secretHash.utf8), in: TableName.credentials)
    }

    /// Organizations in number order: `limit` of them after skipping `offset`.
    public func organizations(offset: Int, limit: Int) throws -> [OrganizationCreated] {
        try ids(under: Array(NumberedKind.organization.rawValue.utf8), in: TableName.numbers, offset: offset, limit: limit)
            .compactMap(organization)
    }

    /// How many organizations there are.
    public func organizationCount() throws -> Int {
        guard let table = reader.table(TableName.numbers) else { return 0 }
        let prefix = Array(NumberedKind.organization.rawValue.utf8)
        var count = 0
        try reader.transaction.scan(table, from: prefix) { key, _ in
            guard key.starts(with: prefix) else { return false }
            count += 1
            return true
        }
        return count
    }

    /// `organization`'s users in number order: `limit` of them after skipping `offset`.
    public func users(in organization: TypeID, offset: Int, limit: Int) throws -> [UserCreated] {
        try members(.user, of: organization, offset: offset, limit: limit).compactMap { try user($0, in: organization) }
    }

    /// `organization`'s servers in number order: `limit` of them after skipping `offset`.
    public func servers(in organization: TypeID, offset: Int, limit: Int) throws -> [ServerCreated] {
        try members(.server, of: organization, offset: offset, limit: limit).compactMap { try server($0, in: organization) }
    }

    /// How many users or servers `organization` has.
    public func count(_ kind: NumberedKind, in organization: TypeID) throws -> Int {
        Int(try reader.get(Int64.self, forKey: DirectoryProjection.memberPrefix(organization, kind), in: TableName.counters) ?? 0)
    }

    /// The live credentials (API keys) of a user or server, oldest first.
    public func credentials(of owner: TypeID) throws -> [CredentialIssued] {
        guard let table = reader.table(TableName.ownedCredentials) else { return [] }
        let prefix = ProjectionKey.scoped(owner, "")
        var hashes: [String] = []
        try reader.transaction.scan(table, from: prefix) { key, value in
            guard key.starts(with: prefix) else { return false }
            hashes.append(String(decoding: value, as: UTF8.self))
            return true
        }
        return try hashes.compactMap(credential(secretHash:))
    }

    /// The admin client whose OAuth `client_id` is `clientID`.
    public func adminClient(_ clientID: String) throws -> AdminClientCreated? {
        try reader.get(AdminClientCreated.self, forKey: Array(clientID.utf8), in: TableName.clients)
    }

    /// The access token whose SHA-256 is `tokenHash`; one that has expired may already be gone (the
    /// projection drops expired tokens when it records a new one), so callers still check `expiresAt`.
    public func accessToken(tokenHash: String) throws -> AccessTokenIssued? {
        try reader.get(AccessTokenIssued.self, forKey: Array(tokenHash.utf8), in: TableName.tokens)
    }

    /// The highest number of `kind` given out so far; the next entity gets one more.
    public func highestNumber(_ kind: NumberedKind) throws -> Int64 {
        try reader.get(Int64.self, forKey: Array(kind.rawValue.utf8), in: TableName.counters) ?? 0
    }

    private func members(_ kind: NumberedKind, of organization: TypeID, offset: Int, limit: Int) throws -> [TypeID] {
        try ids(under: DirectoryProjection.memberPrefix(organization, kind), in: TableName.members, offset: offset, limit: limit)
    }

    /// The ids stored under keys starting with `prefix`, in key order, `limit` of them after `offset`.
    private func ids(under prefix: [UInt8], in tableName: String, offset: Int, limit: Int) throws -> [TypeID] {
        guard let table = reader.table(tableName), limit > 0 else { return [] }
        var skipped = 0
        var ids: [TypeID] = []
        try reader.transaction.scan(table, from: prefix) { key, value in
            guard key.starts(with: prefix) else { return false }
            guard skipped >= offset else {
                skipped += 1
                return true
            }
            if let id = TypeID(String(decoding: value, as: UTF8.self)) { ids.append(id) }
            return ids.count < limit
        }
        return ids
    }

    private func id(of kind: NumberedKind, number: Int64) throws -> TypeID? {
        guard let table = reader.table(TableName.numbers),
              let bytes = try reader.transaction.value(in: table, forKey: Array(kind.rawValue.utf8) + ProjectionKey.number(number))
        else { return nil }
        return TypeID(String(decoding: bytes, as: UTF8.self))
    }
}
