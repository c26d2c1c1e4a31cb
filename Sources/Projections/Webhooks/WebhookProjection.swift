public import EventStore
import Foundation

/// The webhooks read model: each organization's live webhooks, in creation order.
public struct WebhookProjection: DomainProjection {
    public let name = "webhooks"
    /// 2: records in `RecordCoding` bytes instead of JSON.
    public let version: UInt32 = 2
    private let catalog: EventCatalog

    public static let events: [any DomainEvent.Type] = [WebhookCreated.self, WebhookDeleted.self]

    public init(catalog: EventCatalog) {
        self.catalog = catalog
    }

    static let webhooks = "webhooks"

    public func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws {
        let table = try tables.table(Self.webhooks)
        switch event.type {
        case WebhookCreated.eventType:
            let created = try catalog.decode(event, as: WebhookCreated.self)
            tables.put(created, forKey: ProjectionKey.scoped(created.organizationID, created.webhookID.description), in: table)
        case WebhookDeleted.eventType:
            let deleted = try catalog.decode(event, as: WebhookDeleted.self)
            tables.delete(ProjectionKey.scoped(deleted.organizationID, deleted.webhookID.description), in: table)
        default:
            return
        }
    }
}

/// Questions the webhooks read model answers, within one organization.
public struct WebhookQueries {
    private let reader: ProjectionReader

    public init(_ reader: ProjectionReader) {
        self.reader = reader
    }

    public func webhook(_ id: TypeID, in organization: TypeID) throws -> WebhookCreated? {
        try reader.get(WebhookCreated.self, forKey: ProjectionKey.scoped(organization, id.description), in: WebhookProjection.webhooks)
    }

    /// The organization's webhooks in creation order (ids are time-ordered).
    public func webhooks(in organization: TypeID) throws -> [WebhookCreated] {
        guard let table = reader.table(WebhookProjection.webhooks) else { return [] }
        let prefix = ProjectionKey.id(organization) + [0]
        var webhooks: [WebhookCreated] = []
        try reader.transaction.scan(table, from: prefix) { key, value in
            guard key.starts(with: prefix) else { return false }
            webhooks.append(try RecordCoding.decode(WebhookCreated.self, from: value))
            return true
        }
        return webhooks
    }
}
