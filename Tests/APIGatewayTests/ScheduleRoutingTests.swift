import EventStore
import Foundation
import Hummingbird
import Testing

@Suite("Schedules and routing")
struct ScheduleRoutingTests {
    /// 2026-11-02T00:00:00Z, a Monday: the rotation's first hand-off in these tests.
    private static let handoff = Timestamp(iso8601: "2026-11-02T00:00:00Z")!

    @Test("a notification goes to whoever the schedule has on call, and to an override's holder while it lasts")
    func routing() async throws {
        let clock = ManualWallClock(Timestamp(microsecondsSinceEpoch: Self.handoff.microsecondsSinceEpoch + 3_600_000_000))
        try await withGateway(clock: clock) { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            let ana = try await api.createUser("ana@example.com", in: organization, token: token)
            let ben = try await api.createUser("ben@example.com", in: organization, token: token)
            let server = try await api.createServer("icinga", in: organization, token: token)
            let schedule = try await api.json(.post, "/v1/schedules", """
                {"organization_id": "\(organization)", "name": "Primary", "members": ["\(ana)", "\(ben)"],
                 "first_handoff": "2026-11-02T00:00:00Z", "shift_days": 7, "time_zone": "UTC"}
                """, headers: api.bearer(token))
            #expect(schedule.status == .created)
            #expect(schedule.json("escalation_timeout_seconds") as? Int == 300)
            let scheduleID = try #require(schedule.string("id"))

            let anaNumber = try await Self.number(of: ana, api, token)
            let benNumber = try await Self.number(of: ben, api, token)
            #expect(try await Self.send(api, server.key).json("data", "user_id") as? Int == anaNumber)

            let override = try await api.json(.post, "/v1/schedules/\(scheduleID)/overrides", """
                {"user_id": "\(ben)", "start": "2026-11-02T00:30:00Z", "end": "2026-11-02T02:00:00Z"}
                """, headers: api.bearer(token))
            #expect(override.status == .created)
            let overrideID = try #require(override.string("overrides", 0, "id"))
            let routed = try await Self.send(api, server.key)
            #expect(routed.json("data", "user_id") as? Int == benNumber)
            let id = try #require(routed.json("data", "id") as? Int)
            let status = try await api.send(.get, "/api/servers/v2/notifications/get/\(id)", headers: [.authorization: "Apikey \(server.key)"])
            #expect(status.string("data", "status") == "routed")

            let removals = try await api.statuses(
                ofConcurrent: 6, .delete, "/v1/schedules/\(scheduleID)/overrides/\(overrideID)", headers: api.bearer(token))
            #expect(removals.filter { $0 == .noContent }.count == 1, "removed once, however many ask at once")
            #expect(removals.filter { $0 == .notFound }.count == 5)
            #expect(try await Self.send(api, server.key).json("data", "user_id") as? Int == anaNumber)

            clock.advance(microseconds: 7 * 86_400_000_000)
            #expect(try await Self.send(api, server.key).json("data", "user_id") as? Int == benNumber, "the next shift")
        }
    }

    @Test("schedules are listed, read and replaced whole")
    func crud() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            let ana = try await api.createUser("ana@example.com", in: organization, token: token)
            let created = try await api.json(.post, "/v1/schedules", """
                {"organization_id": "\(organization)", "name": "Primary", "members": ["\(ana)"],
                 "first_handoff": "2026-11-02T09:00:00Z", "shift_hours": 12, "time_zone": "Pacific/Auckland",
                 "escalation_timeout_seconds": 600}
                """, headers: api.bearer(token))
            let id = try #require(created.string("id"))
            #expect(created.string("first_handoff") == "2026-11-02T09:00:00Z")
            let replaced = try await api.json(.put, "/v1/schedules/\(id)", """
                {"name": "Primary (weekly)", "members": ["\(ana)"], "first_handoff": "2026-11-02T09:00:00Z",
                 "shift_days": 7, "time_zone": "Pacific/Auckland"}
                """, headers: api.bearer(token))
            #expect(replaced.status == .ok)
            #expect(replaced.json("shift_days") as? Int == 7)
            #expect(replaced.json("shift_hours") == nil)
            let list = try await api.send(.get, "/v1/schedules?organization_id=\(organization)", headers: api.bearer(token))
            #expect(list.string("_embedded", "schedules", 0, "name") == "Primary (weekly)")
            #expect(list.json("page", "totalElements") as? Int == 1)
            let got = try await api.send(.get, "/v1/schedules/\(id)", headers: api.bearer(token))
            #expect(got.string("_links", "self", "href") == "/v1/schedules/\(id)")
            let unknown = try await api.send(.get, "/v1/schedules/schedule_01jbz45x59eynayzndz0jp10dz", headers: api.bearer(token))
            #expect(unknown.status == .notFound)
        }
    }

    @Test("invalid schedules and overrides are 422 with the field, and change nothing", arguments: [
        (#""members": [], "shift_days": 7, "time_zone": "UTC""#, "members"),
        (#""members": ["%ana"], "shift_days": 7, "shift_hours": 4, "time_zone": "UTC""#, "shift_days"),
        (#""members": ["%ana"], "time_zone": "UTC""#, "shift_days"),
        (#""members": ["%ana"], "shift_days": 7, "time_zone": "Mars/Olympus""#, "time_zone"),
        (#""members": ["%stranger"], "shift_days": 7, "time_zone": "UTC""#, "members"),
        (#""members": ["%ana"], "shift_days": 7, "time_zone": "UTC", "escalation_timeout_seconds": 5"#, "escalation_timeout_seconds"),
    ])
    func invalid(fields: String, field: String) async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            let other = try await api.createOrganization("Other", token: token)
            let ana = try await api.createUser("ana@example.com", in: organization, token: token)
            let stranger = try await api.createUser("x@example.com", in: other, token: token)
            let body = """
                {"organization_id": "\(organization)", "name": "P", "first_handoff": "2026-11-02T00:00:00Z", \
                \(fields.replacingOccurrences(of: "%ana", with: ana).replacingOccurrences(of: "%stranger", with: stranger))}
                """
            let reply = try await api.json(.post, "/v1/schedules", body, headers: api.bearer(token))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.string("errors", 0, "field") == field)
            let list = try await api.send(.get, "/v1/schedules?organization_id=\(organization)", headers: api.bearer(token))
            #expect(list.json("page", "totalElements") as? Int == 0)
        }
    }

    private static func send(_ api: APIClient, _ key: String) async throws -> Reply {
        try await api.json(.post, "/api/servers/v2/notifications/send", """
            {"notif_type": "host", "hostname": "db1", "state": "DOWN", "output": "x"}
            """, headers: [.authorization: "Apikey \(key)"])
    }

    private static func number(of user: String, _ api: APIClient, _ token: String) async throws -> Int? {
        try await api.send(.get, "/v1/users/\(user)", headers: api.bearer(token)).json("number") as? Int
    }
}
