public import EventStore

/// The request-status read model: each asynchronous request and the notification carrying it out, whose
/// progress is the request's status.
public struct RequestProjection: DomainProjection {
    public let name = "requests"
    /// 2: records in `RecordCoding` bytes instead of JSON.
    public let version: UInt32 = 2
    private let catalog: EventCatalog

    public static let events: [any DomainEvent.Type] = [RequestAccepted.self]

    public init(catalog: EventCatalog) {
        self.catalog = catalog
    }

    static let requests = "requests"

    public func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws {
        guard event.type == RequestAccepted.eventType else { return }
        let accepted = try catalog.decode(event, as: RequestAccepted.self)
        tables.put(accepted, forKey: ProjectionKey.id(accepted.requestID), in: try tables.table(Self.requests))
    }
}

/// Questions about asynchronous requests: they need the request and the notification status read models,
/// read in one snapshot (`runner.read(["requests", "notifications"], …)`).
public struct RequestQueries {
    private let requests: ProjectionReader
    private let notifications: NotificationQueries

    public init(requests: ProjectionReader, notifications: ProjectionReader) {
        self.requests = requests
        self.notifications = NotificationQueries(notifications)
    }

    /// The status of `request`, if the organization made it; `nil` for an unknown id or another's.
    public func status(of request: TypeID, in organization: TypeID) throws -> RequestStatus? {
        guard let accepted = try requests.get(RequestAccepted.self, forKey: ProjectionKey.id(request), in: RequestProjection.requests),
              accepted.organizationID == organization,
              let notification = try notifications.notification(accepted.notificationID, in: organization)
        else { return nil }
        return RequestStatus(requestID: request, notification: notification)
    }
}
