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

    public func user(_ id: TypeID, in organization: TypeID) throws -> UserCreated? {
        try reader.get(UserCreated.self, forKey: ProjectionKey.id(id), in: TableName.users)
            .flatMap { $0.organizationID == organization ? $0 : nil }
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

    public func server(_ id: TypeID, in organization: TypeID) throws -> ServerCreated? {
        try reader.get(ServerCreated.self, forKey: ProjectionKey.id(id), in: TableName.servers)
            .flatMap { $0.organizationID == organization ? $0 : nil }
    }

    public func server(number: Int64, in organization: TypeID) throws -> ServerCreated? {
        try id(of: .server, number: number).flatMap { try server($0, in: organization) }
    }

    /// The live credential whose secret hashes to `secretHash`: how a request is authenticated.
    public func credential(secretHash: String) throws -> CredentialIssued? {
        try reader.get(CredentialIssued.self, forKey: Array(secretHash.utf8), in: TableName.credentials)
    }

    /// The highest number of `kind` given out so far; the next entity gets one more.
    public func highestNumber(_ kind: NumberedKind) throws -> Int64 {
        try reader.get(Int64.self, forKey: Array(kind.rawValue.utf8), in: TableName.counters) ?? 0
    }

    private func id(of kind: NumberedKind, number: Int64) throws -> TypeID? {
        guard let table = reader.table(TableName.numbers),
              let bytes = try reader.transaction.value(in: table, forKey: Array(kind.rawValue.utf8) + ProjectionKey.number(number))
        else { return nil }
        return TypeID(String(decoding: bytes, as: UTF8.self))
    }
}
