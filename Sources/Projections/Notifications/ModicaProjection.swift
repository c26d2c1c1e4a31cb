public import EventStore

/// One Modica message: the page and notification it carries, and every status Modica reported for it.
public struct ModicaMessage: Codable, Sendable, Equatable {
    public let providerMessageID: Int64
    public let pageID: TypeID?
    public let notificationID: TypeID?
    public let organizationID: TypeID?
    public var statuses: [NotificationRecord.Delivery] = []

    enum CodingKeys: String, CodingKey {
        case providerMessageID = "provider_message_id"
        case pageID = "page_id"
        case notificationID = "notification_id"
        case organizationID = "organization_id"
        case statuses
    }
}

/// The Modica delivery-state read model, by Modica's message id: what a delivery receipt or an SMS reply
/// (`reply-to`) refers to.
public struct ModicaProjection: DomainProjection {
    public let name = "modica"
    /// 2: records in `RecordCoding` bytes instead of JSON.
    public let version: UInt32 = 2
    private let catalog: EventCatalog

    public static let events: [any DomainEvent.Type] = [PageSent.self, DeliveryReported.self]

    public init(catalog: EventCatalog) {
        self.catalog = catalog
    }

    static let messages = "messages"

    public func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws {
        let table = try tables.table(Self.messages)
        switch event.type {
        case PageSent.eventType:
            let sent = try catalog.decode(event, as: PageSent.self)
            tables.put(
                ModicaMessage(
                    providerMessageID: sent.providerMessageID, pageID: sent.pageID, notificationID: sent.notificationID,
                    organizationID: sent.organizationID),
                forKey: ProjectionKey.number(sent.providerMessageID), in: table)
        case DeliveryReported.eventType:
            let report = try catalog.decode(event, as: DeliveryReported.self)
            let key = ProjectionKey.number(report.providerMessageID)
            let status = NotificationRecord.Delivery(status: report.status, at: event.recordedAt)
            if try tables.update(ModicaMessage.self, forKey: key, in: table, { $0.statuses.append(status) }) == nil {
                var message = ModicaMessage(
                    providerMessageID: report.providerMessageID, pageID: report.pageID,
                    notificationID: report.notificationID, organizationID: report.organizationID)
                message.statuses.append(status)
                tables.put(message, forKey: key, in: table)
            }
        default:
            return
        }
    }
}

/// Questions the Modica read model answers. Modica's callbacks carry no tenant, so these are not scoped.
public struct ModicaQueries {
    private let reader: ProjectionReader

    public init(_ reader: ProjectionReader) {
        self.reader = reader
    }

    public func message(_ providerMessageID: Int64) throws -> ModicaMessage? {
        try reader.get(ModicaMessage.self, forKey: ProjectionKey.number(providerMessageID), in: ModicaProjection.messages)
    }
}
