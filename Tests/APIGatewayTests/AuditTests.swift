import Foundation
import Hummingbird
import Testing

@Suite("Platform API: notifications, the audit log and the projections")
struct AuditTests {
    @Test("notifications are listed by status, read whole, and their history comes from the log")
    func notifications() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            let server = try await api.createServer("icinga", in: organization, token: token)
            for host in ["db1", "db2"] {
                _ = try await api.json(.post, "/api/servers/v2/notifications/send", """
                    {"notif_type": "host", "hostname": "\(host)", "state": "DOWN", "output": "x"}
                    """, headers: [.authorization: "Apikey \(server.key)"])
            }
            let list = try await api.send(.get, "/v1/notifications?organization_id=\(organization)&status=new", headers: api.bearer(token))
            #expect(list.json("page", "totalElements") as? Int == 2)
            #expect(list.string("_embedded", "notifications", 0, "notification", "hostname") == "db2", "newest first")
            let id = try #require(list.string("_embedded", "notifications", 1, "notification", "notification_id"))
            let none = try await api.send(.get, "/v1/notifications?organization_id=\(organization)&status=acknowledged", headers: api.bearer(token))
            #expect(none.json("page", "totalElements") as? Int == 0)
            #expect(try await api.send(.get, "/v1/notifications?organization_id=\(organization)&status=lost", headers: api.bearer(token)).status == .badRequest)

            let one = try await api.send(.get, "/v1/notifications/\(id)", headers: api.bearer(token))
            #expect(one.string("status") == "new")
            #expect(one.string("routing_reason") == "the organization has no on-call schedule")
            #expect(one.string("_links", "server", "href") == "/v1/servers/\(server.id)")

            let history = try await api.send(.get, "/v1/notifications/\(id)/history", headers: api.bearer(token))
            #expect(history.string("_embedded", "events", 0, "type") == "notification.created")
            #expect(history.string("_embedded", "events", 0, "payload", "hostname") == "db1")
            #expect(history.string("_embedded", "events", 1, "type") == "notification.routed")
            #expect(history.string("_embedded", "events", 1, "actor") == "server:\(server.id)")
            #expect(try await api.send(.get, "/v1/notifications/notif_01jbz45x59eynayzndz0jp10dz", headers: api.bearer(token)).status == .notFound)
        }
    }

    @Test("the audit log pages by position with a next cursor, and filters by stream, type and time")
    func events() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            _ = try await api.createServer("a", in: organization, token: token)
            _ = try await api.createServer("b", in: organization, token: token)

            let first = try await api.send(.get, "/v1/events?size=3", headers: api.bearer(token))
            #expect(first.json("_embedded", "events", 0, "position") as? Int == 1)
            #expect((first.json("_embedded", "events") as? [any Sendable])?.count == 3)
            #expect(first.json("next") as? Int == 4)
            #expect(first.string("_links", "next", "href") == "/v1/events?start=4&size=3")
            #expect(first.string("_embedded", "events", 0, "hash")?.count == 64)

            let servers = try await api.send(.get, "/v1/events?type=server.created", headers: api.bearer(token))
            let names = (servers.json("_embedded", "events") as? [[String: any Sendable]])?.compactMap { ($0["payload"] as? [String: any Sendable])?["name"] as? String }
            #expect(names == ["a", "b"])
            #expect(servers.json("next") == nil, "the end of the log")

            let future = try await api.send(.get, "/v1/events?since=2999-01-01T00:00:00Z", headers: api.bearer(token))
            #expect((future.json("_embedded", "events") as? [any Sendable])?.isEmpty == true)
            for bad in ["start=0", "size=500", "since=yesterday"] {
                #expect(try await api.send(.get, "/v1/events?\(bad)", headers: api.bearer(token)).status == .badRequest)
            }
        }
    }

    @Test("every read model reports its version, position and state")
    func projections() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let reply = try await api.send(.get, "/v1/projections", headers: api.bearer(token))
            let views = try #require(reply.json("_embedded", "projections") as? [[String: any Sendable]])
            #expect(views.count == 9)
            #expect(views.allSatisfy { $0["state"] as? String == "serving" })
            #expect(views.contains { $0["name"] as? String == "notifications" })
        }
    }
}
