import Foundation
import EventStore
import Hummingbird
import Projections

/// The audit side of the platform API: `/v1/events`, the log itself, and `/v1/projections`, the read
/// models built from it.
extension PlatformRoutes {
    /// The most events one `/v1/events` request looks at, matching or not: a filter that matches little
    /// answers with fewer events and a `next` cursor rather than walking the whole log.
    static let auditScanLimit = 10_000

    func addAudit(to v1: RouterGroup<GatewayContext>) {
        v1.get("events") { request, _ in
            let caller = try gateway.adminCaller(authorization: request)
            return try PlatformResponse.make(.ok, try auditPage(AuditQuery(request.uri.queryParameters), caller))
        }
        v1.get("projections") { request, _ in
            _ = try gateway.adminCaller(authorization: request)
            let views = try gateway.models.runner.status(in: gateway.log).map(ProjectionView.init)
            return try PlatformResponse.make(.ok, HALList(name: "projections", items: views, links: ["self": Link(href: "/v1/projections")]))
        }
    }

    private func auditPage(_ query: AuditQuery, _ caller: AdminCaller) throws -> AuditPage {
        var events: [AuditEvent] = []
        var next: UInt64?
        var examined = 0
        try gateway.log.forEachEvent(from: query.start) { event in
            if let until = query.until, until < event.recordedAt { return false }
            guard events.count < query.size, examined < Self.auditScanLimit else {
                next = event.position
                return false
            }
            examined += 1
            if query.admits(event), caller.organizationID == nil || event.organization == caller.organizationID?.description {
                events.append(try AuditEvent(event))
            }
            return true
        }
        var links = ["self": Link(href: "/v1/events?\(query.queryString(start: query.start))")]
        if let next { links["next"] = Link(href: "/v1/events?\(query.queryString(start: next))") }
        return AuditPage(events: HALList(name: "events", items: events, links: links), next: next)
    }
}

/// What `/v1/events` is asked for: where to start (a position, 1 by default), how many, and the filters.
struct AuditQuery: Sendable {
    let start: UInt64
    let size: Int
    let stream: String?
    let type: String?
    let since: Timestamp?
    let until: Timestamp?

    init(_ parameters: Parameters) throws {
        guard let start = UInt64(parameters["start"].map(String.init) ?? "1"), start >= 1 else {
            throw GatewayError(.badRequest, "start must be a log position from 1", field: "start", code: .invalid)
        }
        guard let size = Int(parameters["size"].map(String.init) ?? "25"), (1...100).contains(size) else {
            throw GatewayError(.badRequest, "size must be a whole number from 1 to 100", field: "size", code: .invalid)
        }
        self.start = start
        self.size = size
        stream = parameters["stream"].map(String.init)
        type = parameters["type"].map(String.init)
        since = try parameters.timestamp("since")
        until = try parameters.timestamp("until")
    }

    func admits(_ event: RecordedEvent) -> Bool {
        (stream == nil || event.stream == stream) && (type == nil || event.type == type)
            && (since.map { $0 <= event.recordedAt } ?? true)
    }

    /// The query again, from another position.
    func queryString(start: UInt64) -> String {
        var items = ["start=\(start)", "size=\(size)"]
        if let stream { items.append("stream=\(stream.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? stream)") }
        if let type { items.append("type=\(type.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? type)") }
        if let since { items.append("since=\(since.iso8601)") }
        if let until { items.append("until=\(until.iso8601)") }
        return items.joined(separator: "&")
    }
}
