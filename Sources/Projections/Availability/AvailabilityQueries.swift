public import EventStore

/// Questions the availability read model answers, within one organization.
public struct AvailabilityQueries {
    private let reader: ProjectionReader
    private typealias TableName = AvailabilityProjection.TableName

    public init(_ reader: ProjectionReader) {
        self.reader = reader
    }

    /// The record with this id, if it belongs to `organization`.
    public func record(_ id: TypeID, in organization: TypeID) throws -> AvailabilityRecord? {
        try reader.get(AvailabilityRecord.self, forKey: ProjectionKey.id(id), in: TableName.records)
            .flatMap { $0.availability.organizationID == organization ? $0 : nil }
    }

    /// `user`'s records that overlap `[from, to)`, in order of their start.
    public func records(of user: TypeID, in organization: TypeID, overlapping from: Timestamp, _ to: Timestamp) throws -> [AvailabilityRecord] {
        guard let table = reader.table(TableName.byUser) else { return [] }
        let prefix = AvailabilityProjection.userPrefix(organization, user)
        var ids: [TypeID] = []
        try reader.transaction.scan(table, from: prefix) { key, _ in
            guard key.starts(with: prefix) else { return false }
            guard ProjectionKey.number(in: key, at: prefix.count) < to.microsecondsSinceEpoch else { return false }
            if let id = TypeID(String(decoding: key.dropFirst(prefix.count + 8), as: UTF8.self)) { ids.append(id) }
            return true
        }
        return try ids.compactMap { try record($0, in: organization) }.filter { $0.availability.end > from }
    }

    /// What `users` have said about `instant`: the windows the on-call policy weighs.
    public func windows(of users: [TypeID], in organization: TypeID, at instant: Timestamp) throws -> [AvailabilityWindow] {
        let next = Timestamp(microsecondsSinceEpoch: instant.microsecondsSinceEpoch + 1)
        return try users.flatMap { try records(of: $0, in: organization, overlapping: instant, next).map(\.window) }
    }

    /// Whether `user` can be on call at `instant`: no `hard_unavailable` record covers it.
    public func isAvailable(_ user: TypeID, in organization: TypeID, at instant: Timestamp) throws -> Bool {
        try !windows(of: [user], in: organization, at: instant).contains { $0.kind == .hardUnavailable }
    }
}
