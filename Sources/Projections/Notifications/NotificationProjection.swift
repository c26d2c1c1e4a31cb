public import EventStore

/// The notification status read model: each notification's current state, whom it is with and its attempts,
/// by id, by Hot Potato number, and listed per organization by time.
public struct NotificationProjection: DomainProjection {
    public let name = "notifications"
    /// 2: records in `RecordCoding` bytes instead of JSON.
    public let version: UInt32 = 2
    private let catalog: EventCatalog

    public static let events: [any DomainEvent.Type] = [
        NotificationCreated.self, NotificationRouted.self, PageQueued.self, PageSent.self, PageFailed.self,
        DeliveryReported.self, NotificationEscalated.self, NotificationAcknowledged.self, NotificationResolved.self,
    ]

    public init(catalog: EventCatalog) {
        self.catalog = catalog
    }

    enum TableName {
        static let notifications = "notifications"
        static let numbers = "numbers"
        /// `organization ‖ 0 ‖ created-at ‖ id` → nothing.
        static let byTime = "by-time"
    }

    public func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws {
        let at = event.recordedAt
        switch event.type {
        case NotificationCreated.eventType:
            let created = try catalog.decode(event, as: NotificationCreated.self)
            try tables.put(
                NotificationRecord(notification: created, createdAt: at), forKey: ProjectionKey.id(created.notificationID),
                in: tables.table(TableName.notifications))
            try tables.putEntry(
                ProjectionKey.id(created.notificationID), forKey: ProjectionKey.number(created.number),
                in: tables.table(TableName.numbers))
            try tables.putEntry(
                [], forKey: Self.timeKey(created.organizationID, at, created.notificationID), in: tables.table(TableName.byTime))
        case NotificationRouted.eventType:
            let routed = try catalog.decode(event, as: NotificationRouted.self)
            try update(routed.notificationID, at, tables) { record in
                record.escalation = routed.escalation
                record.routingReason = routed.reason
                record.skipped = routed.skipped
                record.assignedUserID = routed.escalation.first
                if !routed.escalation.isEmpty { record.advance(to: .routed) }
            }
        case PageQueued.eventType:
            let queued = try catalog.decode(event, as: PageQueued.self)
            try update(queued.notificationID, at, tables) { record in
                record.attempts.append(.init(pageID: queued.pageID, userID: queued.userID, queuedAt: at))
            }
        case PageSent.eventType:
            let sent = try catalog.decode(event, as: PageSent.self)
            try update(sent.notificationID, at, tables) { record in
                record.updateAttempt(sent.pageID) { attempt in
                    attempt.sentAt = at
                    attempt.providerMessageID = sent.providerMessageID
                }
                if record.isLatest(sent.pageID) { record.advance(to: .paged) }
            }
        case PageFailed.eventType:
            let failed = try catalog.decode(event, as: PageFailed.self)
            try update(failed.notificationID, at, tables) { record in
                record.updateAttempt(failed.pageID) { $0.failure = failed.reason }
                if failed.final, record.isLatest(failed.pageID) { record.advance(to: .failed) }
            }
        case DeliveryReported.eventType:
            let report = try catalog.decode(event, as: DeliveryReported.self)
            guard let notification = report.notificationID, let page = report.pageID else { return }
            try update(notification, at, tables) { record in
                record.updateAttempt(page) { $0.deliveries.append(.init(status: report.status, at: at)) }
                guard record.isLatest(page) else { return }
                if report.status == .received { record.advance(to: .delivered) }
                if report.status.isFinalFailure { record.advance(to: .failed) }
            }
        case NotificationEscalated.eventType:
            let escalated = try catalog.decode(event, as: NotificationEscalated.self)
            try update(escalated.notificationID, at, tables) { record in
                guard !record.status.isSettled else { return }
                record.assignedUserID = escalated.toUserID
                record.advance(to: .escalated)
            }
        case NotificationAcknowledged.eventType:
            let acknowledged = try catalog.decode(event, as: NotificationAcknowledged.self)
            try update(acknowledged.notificationID, at, tables) { record in
                guard !record.status.isSettled else { return }
                record.status = .acknowledged
                record.acknowledgedBy = acknowledged.userID
                record.acknowledgedAt = at
            }
        case NotificationResolved.eventType:
            let resolved = try catalog.decode(event, as: NotificationResolved.self)
            try update(resolved.notificationID, at, tables) { record in
                guard record.status != .resolved else { return }
                record.status = .resolved
                record.resolvedAt = at
            }
        default:
            return
        }
    }

    /// Changes a known notification; events of an unknown one change nothing.
    private func update(
        _ id: TypeID, _ at: Timestamp, _ tables: ProjectionTables, _ change: (inout NotificationRecord) -> Void
    ) throws {
        try tables.update(NotificationRecord.self, forKey: ProjectionKey.id(id), in: tables.table(TableName.notifications)) { record in
            change(&record)
            record.updatedAt = at
        }
    }

    static func timeKey(_ organization: TypeID, _ at: Timestamp, _ id: TypeID) -> [UInt8] {
        organizationPrefix(organization) + ProjectionKey.number(at.microsecondsSinceEpoch) + ProjectionKey.id(id)
    }

    static func organizationPrefix(_ organization: TypeID) -> [UInt8] {
        ProjectionKey.id(organization) + [0]
    }
}
