import EventStore
import Hummingbird
import Projections

/// `/v1/notifications`: every notification's state as the status read model has it, and its history as
/// the log has it.
extension PlatformRoutes {
    func addNotifications(to v1: RouterGroup<GatewayContext>) {
        v1.get("notifications") { request, _ in
            let caller = try gateway.adminCaller(authorization: request)
            let (organization, page) = try scope(request, caller)
            let filter = try Self.notificationFilter(request.uri.queryParameters)
            let (records, total) = try gateway.read(["notifications"]) {
                try NotificationQueries($0[0]).list(in: organization, filter, offset: page.offset, limit: page.size)
            }
            return try PlatformResponse.make(.ok, HALPage(
                "notifications", records.map(Self.notification), total: total, request: page, path: "/v1/notifications",
                query: "organization_id=\(organization)"))
        }
        v1.get("notifications/:id") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            return try PlatformResponse.make(.ok, Self.notification(try notification(context, caller)))
        }
        v1.get("notifications/:id/history") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            let record = try notification(context, caller)
            let id = record.notification.notificationID
            let events = try gateway.log.events(
                inStream: "notification-\(record.notification.number)", from: nil, direction: .forward, limit: 10_000)
            return try PlatformResponse.make(.ok, HALList(
                name: "events", items: try events.map(AuditEvent.init),
                links: ["self": Link(href: "/v1/notifications/\(id)/history"), "notification": Link(href: "/v1/notifications/\(id)")]))
        }
    }

    /// The notification the path names, if the caller may see it.
    private func notification(_ context: GatewayContext, _ caller: AdminCaller) throws -> NotificationRecord {
        guard let id = TypeID(context.parameters.get("id") ?? "", prefix: "notif"),
              let record = try gateway.read(["notifications"], { try NotificationQueries($0[0]).notification(id, in: caller.organizationID) })
        else { throw GatewayError.notFound("notification") }
        return record
    }

    private static func notification(_ record: NotificationRecord) -> HALResource<NotificationRecord> {
        let id = record.notification.notificationID
        var links = [
            "self": Link(href: "/v1/notifications/\(id)"),
            "history": Link(href: "/v1/notifications/\(id)/history"),
            "organization": Link(href: "/v1/organizations/\(record.notification.organizationID)"),
        ]
        if let server = record.notification.serverID { links["server"] = Link(href: "/v1/servers/\(server)") }
        return HALResource(body: record, links: links)
    }

    /// `status`, `server_id` and `since`, each optional.
    private static func notificationFilter(_ parameters: Parameters) throws -> NotificationQueries.Filter {
        var filter = NotificationQueries.Filter()
        if let status = parameters["status"] {
            guard let known = NotificationRecord.Status(rawValue: String(status)) else {
                let names = NotificationRecord.Status.allCases.map(\.rawValue).joined(separator: ", ")
                throw GatewayError(.badRequest, "status must be one of \(names)", field: "status", code: .invalid)
            }
            filter.status = known
        }
        if let server = parameters["server_id"] {
            guard let id = TypeID(String(server), prefix: "server") else {
                throw GatewayError(.badRequest, "server_id must be a server id", field: "server_id", code: .invalid)
            }
            filter.serverID = id
        }
        filter.since = try parameters.timestamp("since")
        return filter
    }
}
