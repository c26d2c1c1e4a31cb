public import EventStore

/// The availability read model: every live record by id, and each person's records in order of their start,
/// for "what has this person said about [from, to)" and "can they be on call at T".
public struct AvailabilityProjection: DomainProjection {
    public let name = "availability"
    /// 2: records in `RecordCoding` bytes instead of JSON.
    public let version: UInt32 = 2
    private let catalog: EventCatalog

    public static let events: [any DomainEvent.Type] = [AvailabilityCreated.self, AvailabilityDeleted.self]

    public init(catalog: EventCatalog) {
        self.catalog = catalog
    }

    enum TableName {
        static let records = "records"
        /// `organization ‖ 0 ‖ user ‖ 0 ‖ start (big-endian) ‖ id` → nothing.
        static let byUser = "by-user"
    }

    public func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws {
        switch event.type {
        case AvailabilityCreated.eventType:
            let created = try catalog.decode(event, as: AvailabilityCreated.self)
            try tables.put(
                AvailabilityRecord(availability: created, createdAt: event.recordedAt),
                forKey: ProjectionKey.id(created.availabilityID), in: tables.table(TableName.records))
            try tables.putEntry([], forKey: Self.userKey(created), in: tables.table(TableName.byUser))
        case AvailabilityDeleted.eventType:
            let deleted = try catalog.decode(event, as: AvailabilityDeleted.self)
            let records = try tables.table(TableName.records)
            let key = ProjectionKey.id(deleted.availabilityID)
            guard let record = try tables.get(AvailabilityRecord.self, forKey: key, in: records) else { return }
            tables.delete(key, in: records)
            try tables.deleteEntry(Self.userKey(record.availability), in: tables.table(TableName.byUser))
        default:
            return
        }
    }

    static func userPrefix(_ organization: TypeID, _ user: TypeID) -> [UInt8] {
        ProjectionKey.scoped(organization, user.description) + [0]
    }

    private static func userKey(_ created: AvailabilityCreated) -> [UInt8] {
        userPrefix(created.organizationID, created.userID)
            + ProjectionKey.number(created.start.microsecondsSinceEpoch) + ProjectionKey.id(created.availabilityID)
    }
}
