public import EventStore
import Foundation

/// Questions the notification status read model answers, within one organization.
public struct NotificationQueries {
    private let reader: ProjectionReader
    private typealias TableName = NotificationProjection.TableName

    public init(_ reader: ProjectionReader) {
        self.reader = reader
    }

    /// What to list: every condition given must hold.
    public struct Filter: Sendable, Equatable {
        public var status: NotificationRecord.Status?
        public var serverID: TypeID?
        /// Created at or after.
        public var since: Timestamp?

        public init(status: NotificationRecord.Status? = nil, serverID: TypeID? = nil, since: Timestamp? = nil) {
            self.status = status
            self.serverID = serverID
            self.since = since
        }

        func admits(_ record: NotificationRecord) -> Bool {
            (status == nil || record.status == status) && (serverID == nil || record.notification.serverID == serverID)
        }
    }

    /// The notification `id` if it belongs to `organization`; any organization's for `nil`
    /// (installation-wide administrators only).
    public func notification(_ id: TypeID, in organization: TypeID?) throws -> NotificationRecord? {
        try reader.get(NotificationRecord.self, forKey: ProjectionKey.id(id), in: TableName.notifications)
            .flatMap { organization == nil || $0.notification.organizationID == organization ? $0 : nil }
    }

    /// By Hot Potato id.
    public func notification(number: Int64, in organization: TypeID) throws -> NotificationRecord? {
        guard let id = try id(ofNumber: number) else { return nil }
        return try notification(id, in: organization)
    }

    /// The stored notification with Hot Potato id `number`, whichever organization's it is (the caller
    /// checks, once decoded), handed to `body` inside this snapshot; `nil` when there is none.
    public func withStoredNotification<Result>(
        number: Int64, _ body: (StoredRecord<NotificationRecord>) throws -> Result
    ) throws -> Result? {
        guard let id = try id(ofNumber: number), let table = reader.table(TableName.notifications) else { return nil }
        return try reader.transaction.withValue(in: table, forKey: ProjectionKey.id(id)) { try body(StoredRecord(bytes: $0)) }
    }

    private func id(ofNumber number: Int64) throws -> TypeID? {
        guard let table = reader.table(TableName.numbers),
              let bytes = try reader.transaction.value(in: table, forKey: ProjectionKey.number(number))
        else { return nil }
        return TypeID(String(decoding: bytes, as: UTF8.self))
    }

    /// The highest Hot Potato id given out so far; the next notification gets one more.
    public func highestNumber() throws -> Int64 {
        guard let table = reader.table(TableName.numbers) else { return 0 }
        var highest: Int64 = 0
        try reader.transaction.scan(table, direction: .backward) { key, _ in
            highest = ProjectionKey.number(in: key, at: 0)
            return false
        }
        return highest
    }

    /// Calls `body` with every notification of every organization, in the order they were created (ids are
    /// time-ordered), until it returns `false`: for audit reports such as `pagerlog replay`.
    public func forEachNotification(_ body: (NotificationRecord) throws -> Bool) throws {
        guard let table = reader.table(TableName.notifications) else { return }
        try reader.transaction.scan(table) { _, value in
            try body(RecordCoding.decode(NotificationRecord.self, from: value))
        }
    }

    /// One page of the organization's notifications that pass `filter`, newest first, and how many pass.
    public func list(
        in organization: TypeID, _ filter: Filter, offset: Int, limit: Int
    ) throws -> (records: [NotificationRecord], total: Int) {
        guard let table = reader.table(TableName.byTime) else { return ([], 0) }
        let prefix = NotificationProjection.organizationPrefix(organization)
        let since = filter.since?.microsecondsSinceEpoch ?? .min
        var records: [NotificationRecord] = []
        var total = 0
        try reader.transaction.scan(table, from: prefix + [0xff], direction: .backward) { key, _ in
            guard key.starts(with: prefix), ProjectionKey.number(in: key, at: prefix.count) >= since else { return false }
            guard let id = TypeID(String(decoding: key.dropFirst(prefix.count + 8), as: UTF8.self)),
                  let record = try notification(id, in: organization), filter.admits(record)
            else { return true }
            if total >= offset, records.count < limit { records.append(record) }
            total += 1
            return true
        }
        return (records, total)
    }
}
