public import EventStore
import Foundation

/// A schedule as the read model keeps it: its current definition and its overrides, in the order added.
public struct ScheduleRecord: Codable, Sendable, Equatable {
    /// One person taking the schedule's pager for a time range, ahead of the rotation.
    public struct Override: Codable, Sendable, Equatable {
        public let overrideID: TypeID
        public let userID: TypeID
        public let start: Timestamp
        public let end: Timestamp

        enum CodingKeys: String, CodingKey {
            case overrideID = "override_id"
            case userID = "user_id"
            case start
            case end
        }
    }

    public let scheduleID: TypeID
    public let organizationID: TypeID
    public var definition: ScheduleDefinition
    public var overrides: [Override] = []

    enum CodingKeys: String, CodingKey {
        case scheduleID = "schedule_id"
        case organizationID = "organization_id"
        case definition
        case overrides
    }

    /// The definition as the on-call policy's rotation; `nil` if its time zone is unknown to this machine.
    public var rotation: Rotation? {
        guard let timeZone = TimeZone(identifier: definition.timeZone) else { return nil }
        let length: Rotation.ShiftLength = definition.shiftHours.map { .hours($0) } ?? .days(definition.shiftDays ?? 1)
        return Rotation(
            members: definition.members.map(\.description), firstHandoff: definition.firstHandoff, shiftLength: length,
            timeZone: timeZone)
    }

    public var scheduleOverrides: [ScheduleOverride] {
        overrides.map { ScheduleOverride(userID: $0.userID.description, start: $0.start, end: $0.end) }
    }
}

/// The schedules read model: each schedule's definition and overrides, and each organization's schedules.
public struct ScheduleProjection: DomainProjection {
    public let name = "schedules"
    /// 2: records in `RecordCoding` bytes instead of JSON.
    public let version: UInt32 = 2
    private let catalog: EventCatalog

    public static let events: [any DomainEvent.Type] = [
        ScheduleDefined.self, OverrideAdded.self, OverrideRemoved.self,
    ]

    public init(catalog: EventCatalog) {
        self.catalog = catalog
    }

    static let schedules = "schedules"

    public func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws {
        let table = try tables.table(Self.schedules)
        switch event.type {
        case ScheduleDefined.eventType:
            let defined = try catalog.decode(event, as: ScheduleDefined.self)
            let key = ProjectionKey.scoped(defined.organizationID, defined.scheduleID.description)
            var record = try tables.get(ScheduleRecord.self, forKey: key, in: table)
                ?? ScheduleRecord(scheduleID: defined.scheduleID, organizationID: defined.organizationID, definition: defined.definition)
            record.definition = defined.definition
            tables.put(record, forKey: key, in: table)
        case OverrideAdded.eventType:
            let added = try catalog.decode(event, as: OverrideAdded.self)
            try update(added.scheduleID, in: added.organizationID, table, tables) { record in
                record.overrides.append(.init(overrideID: added.overrideID, userID: added.userID, start: added.start, end: added.end))
            }
        case OverrideRemoved.eventType:
            let removed = try catalog.decode(event, as: OverrideRemoved.self)
            try update(removed.scheduleID, in: removed.organizationID, table, tables) { record in
                record.overrides.removeAll { $0.overrideID == removed.overrideID }
            }
        default:
            return
        }
    }

    private func update(
        _ schedule: TypeID, in organization: TypeID, _ table: Table, _ tables: ProjectionTables,
        _ change: (inout ScheduleRecord) -> Void
    ) throws {
        try tables.update(ScheduleRecord.self, forKey: ProjectionKey.scoped(organization, schedule.description), in: table, change)
    }
}

/// Questions the schedules read model answers, within one organization.
public struct ScheduleQueries {
    private let reader: ProjectionReader

    public init(_ reader: ProjectionReader) {
        self.reader = reader
    }

    /// The schedule `id` if it belongs to `organization`; any organization's for `nil` (installation-wide
    /// administrators only: a scan, schedules being few).
    public func schedule(_ id: TypeID, in organization: TypeID?) throws -> ScheduleRecord? {
        if let organization {
            return try reader.get(ScheduleRecord.self, forKey: ProjectionKey.scoped(organization, id.description), in: ScheduleProjection.schedules)
        }
        guard let table = reader.table(ScheduleProjection.schedules) else { return nil }
        let suffix = [0] + Array(id.description.utf8)
        var found: ScheduleRecord?
        try reader.transaction.scan(table) { key, value in
            guard key.count > suffix.count, key.suffix(suffix.count).elementsEqual(suffix) else { return true }
            found = try RecordCoding.decode(ScheduleRecord.self, from: value)
            return false
        }
        return found
    }

    /// The organization's schedules, in id order (which is creation order).
    public func schedules(in organization: TypeID) throws -> [ScheduleRecord] {
        guard let table = reader.table(ScheduleProjection.schedules) else { return [] }
        let prefix = ProjectionKey.id(organization) + [0]
        var records: [ScheduleRecord] = []
        try reader.transaction.scan(table, from: prefix) { key, value in
            guard key.starts(with: prefix) else { return false }
            records.append(try RecordCoding.decode(ScheduleRecord.self, from: value))
            return true
        }
        return records
    }
}
