public import EventStore
import Foundation

/// One routing decision: who was on call for a notification, and why.
public struct OnCallEntry: Codable, Sendable, Equatable {
    public let at: Timestamp
    public let notificationID: TypeID
    public let scheduleID: TypeID?
    /// Paging order; empty when nobody could be on call.
    public let escalation: [TypeID]
    public let reason: String
    public let skipped: [String]

    enum CodingKeys: String, CodingKey {
        case at
        case notificationID = "notification_id"
        case scheduleID = "schedule_id"
        case escalation
        case reason
        case skipped
    }
}

/// The on-call timeline: every routing decision of an organization, by schedule and in time order, so that
/// "who was on call for the 03:12 outage, and who was skipped" is one range read.
public struct OnCallTimelineProjection: DomainProjection {
    public let name = "oncall-timeline"
    /// 2: records in `RecordCoding` bytes instead of JSON.
    public let version: UInt32 = 2
    private let catalog: EventCatalog

    public static let events: [any DomainEvent.Type] = [NotificationRouted.self]

    public init(catalog: EventCatalog) {
        self.catalog = catalog
    }

    static let entries = "entries"

    public func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws {
        guard event.type == NotificationRouted.eventType else { return }
        let routed = try catalog.decode(event, as: NotificationRouted.self)
        let entry = OnCallEntry(
            at: event.recordedAt, notificationID: routed.notificationID, scheduleID: routed.scheduleID,
            escalation: routed.escalation, reason: routed.reason, skipped: routed.skipped)
        let key = Self.prefix(routed.organizationID, routed.scheduleID)
            + ProjectionKey.number(event.recordedAt.microsecondsSinceEpoch) + ProjectionKey.number(Int64(event.position))
        tables.put(entry, forKey: key, in: try tables.table(Self.entries))
    }

    /// `organization ‖ 0 ‖ schedule (empty for notifications routed without one) ‖ 0`.
    static func prefix(_ organization: TypeID, _ schedule: TypeID?) -> [UInt8] {
        ProjectionKey.scoped(organization, schedule?.description ?? "") + [0]
    }
}

/// Questions the on-call timeline answers, within one organization.
public struct OnCallTimelineQueries {
    private let reader: ProjectionReader

    public init(_ reader: ProjectionReader) {
        self.reader = reader
    }

    /// The decisions for `schedule` (or for notifications routed without one) in `[from, to)`, oldest first.
    public func entries(for schedule: TypeID?, in organization: TypeID, from: Timestamp, to: Timestamp) throws -> [OnCallEntry] {
        guard let table = reader.table(OnCallTimelineProjection.entries) else { return [] }
        let prefix = OnCallTimelineProjection.prefix(organization, schedule)
        var entries: [OnCallEntry] = []
        try reader.transaction.scan(table, from: prefix + ProjectionKey.number(from.microsecondsSinceEpoch)) { key, value in
            guard key.starts(with: prefix), ProjectionKey.number(in: key, at: prefix.count) < to.microsecondsSinceEpoch else {
                return false
            }
            entries.append(try RecordCoding.decode(OnCallEntry.self, from: value))
            return true
        }
        return entries
    }
}
