import Foundation
import Hummingbird
import Projections

/// The Hot Potato monitoring API: V2 under `/api/servers/v2`, and the deprecated V1 under `/api/v1`, both
/// answering in the standard response.
struct HotPotatoRoutes: Sendable {
    let gateway: Gateway

    private var body: JSONBody {
        JSONBody(limit: gateway.settings.maxBodyBytes, fieldStatus: .badRequest)
    }

    func add(to router: Router<GatewayContext>) {
        let v2 = router.group("api/servers/v2")
        v2.post("heartbeats/create") { request, _ in
            let caller = try gateway.serverCaller(authorization: request)
            return try await heartbeat(from: caller)
        }
        v2.post("notifications/send") { request, _ in
            let caller = try gateway.serverCaller(authorization: request)
            let problem = try await body.decode(SendNotificationRequest.self, from: request).problem()
            let sent = try await gateway.sendNotification(problem, from: caller)
            let data = SentNotificationData(sent: sent, server: caller.server, organization: caller.organization)
            return try HotPotatoResponse.response(data, status: .created, code: 200)
        }
        v2.get("notifications/get/:id") { request, context in
            let caller = try gateway.serverCaller(authorization: request)
            let body = try notificationBody(context.parameters.get("id"), for: caller)
            return JSONResponse.make(.ok, body: body, contentType: HotPotatoResponse<NotificationData>.contentType)
        }

        let v1 = router.group("api/v1")
        v1.post("add/heartbeat") { request, _ in
            let (caller, _) = try await v1Request(request)
            return try await heartbeat(from: caller)
        }
        v1.post("add/notification") { request, _ in
            let (caller, json) = try await v1Request(request)
            let problem = try body.decode(AddNotificationRequest.self, from: json).problem()
            let sent = try await gateway.sendNotification(problem, from: caller)
            return try HotPotatoResponse.response(NotificationData(sent.notification, status: sent.status), status: .created)
        }
        v1.post("check/notification") { request, _ in
            let (caller, json) = try await v1Request(request)
            let id = try body.decode(CheckNotificationRequest.self, from: json).id
            let exists = try gateway.read(["notifications"]) {
                try NotificationQueries($0[0]).notification(number: id, in: caller.server.organizationID) != nil
            }
            return JSONResponse.text(.ok, exists ? "true" : "false")
        }
    }

    private func heartbeat(from caller: ServerCaller) async throws -> Response {
        let heartbeat = try await gateway.recordHeartbeat(from: caller)
        return try HotPotatoResponse.response(HeartbeatData(heartbeat, server: caller.server), status: .created)
    }

    /// The standard response showing the notification numbered `number`, if it is the caller's
    /// organization's.
    private func notificationBody(_ number: String?, for caller: ServerCaller) throws -> ByteBuffer {
        let organization = caller.server.organizationID
        guard let number = number.flatMap({ Int64($0) }),
              let body = try gateway.read(["notifications"], { readers in
                  try NotificationQueries(readers[0]).withStoredNotification(number: number) { stored in
                      try rendered(stored, ScopedNumber(organization, number))
                  }
              }) ?? nil
        else { throw GatewayError.notFound("notification") }
        return body
    }

    /// The standard response showing `stored`, rendered once for each version of the record
    /// (`RenderedRecordCache`); `nil` when it is not `scope`'s organization's.
    private func rendered(_ stored: StoredRecord<NotificationRecord>, _ scope: ScopedNumber) throws -> ByteBuffer? {
        try gateway.renderedNotifications.rendered(scope, from: stored.bytes) {
            let record = try stored.decode()
            guard record.notification.organizationID == scope.organization else { return nil }
            let data = NotificationData(record.notification, status: record.status)
            return try JSONResponse.body(HotPotatoResponse.success(data, code: HTTPResponse.Status.ok.code))
        }
    }

    /// A V1 request's body and the server its `apikey` names (403 without one).
    private func v1Request(_ request: Request) async throws -> (ServerCaller, Data) {
        let json = try await body.read(request)
        let key = try body.decode(V1Credentials.self, from: json).apikey
        return (try gateway.serverCaller(bodyKey: key), json)
    }
}
