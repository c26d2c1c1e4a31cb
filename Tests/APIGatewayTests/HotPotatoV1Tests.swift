import Foundation
import Hummingbird
import Testing

@Suite("Hot Potato V1")
struct HotPotatoV1Tests {
    @Test("add/heartbeat answers as V2's heartbeat")
    func heartbeat() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let server = try await api.createServer("icinga", in: try await api.createOrganization("Ops", token: token), token: token)
            let reply = try await api.json(.post, "/api/v1/add/heartbeat", #"{"apikey": "\#(server.key)"}"#)
            #expect(reply.status == .created)
            #expect(reply.json("code") as? Int == 201)
            #expect(reply.json("data", "server_id") as? Int == server.number)
            #expect(reply.string("data", "recieved_dt") != nil)
        }
    }

    @Test("a missing or wrong apikey is 403 in the standard response", arguments: [
        ("/api/v1/add/heartbeat", "{}"),
        ("/api/v1/add/heartbeat", #"{"apikey": "wrong"}"#),
        ("/api/v1/add/heartbeat", #"{"apikey": null}"#),
        ("/api/v1/add/notification", #"{"notificationtype": "host", "hostname": "h", "state": "DOWN"}"#),
        ("/api/v1/check/notification", #"{"id": 1}"#),
    ])
    func forbidden(path: String, body: String) async throws {
        try await withGateway { api in
            let reply = try await api.json(.post, path, body)
            #expect(reply.status == .forbidden)
            #expect(reply.json("code") as? Int == 403)
            #expect(reply.json("success") as? Bool == false)
            #expect(reply.string("message")?.contains("apikey") == true)
        }
    }

    @Test("the seed's add/notification and check/notification: the notification in the standard response, then true")
    func addAndCheck() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let server = try await api.createServer("icinga", in: try await api.createOrganization("Ops", token: token), token: token)
            let added = try await api.json(.post, "/api/v1/add/notification", """
                {"apikey": "\(server.key)", "notificationtype": "service", "troublecode": "BAD01", "hostname": "db1",
                 "displayname": "Database", "servicename": "Postgres", "state": "CRITICAL", "output": "refused",
                 "icingadatetime": "2018-07-10 02:08:57"}
                """)
            #expect(added.status == .created)
            #expect(added.json("code") as? Int == 201)
            let id = try #require(added.json("data", "id") as? Int)
            #expect(added.string("data", "servicename") == "Postgres")
            #expect(added.string("data", "notificationtype") == "service")
            #expect(added.string("data", "status") == "new")

            let check = try await api.json(.post, "/api/v1/check/notification", #"{"apikey": "\#(server.key)", "id": \#(id)}"#)
            #expect(check.status == .ok)
            #expect(check.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(check.text == "true")
            let missing = try await api.json(.post, "/api/v1/check/notification", #"{"apikey": "\#(server.key)", "id": 999}"#)
            #expect(missing.text == "false")
        }
    }

    @Test("another organization's notification does not exist for check/notification")
    func checkIsScoped() async throws {
        try await withGateway { api in
            let (mine, theirs) = try await api.serversInTwoOrganizations()
            let added = try await api.json(.post, "/api/v1/add/notification", """
                {"apikey": "\(theirs.key)", "notificationtype": "host", "hostname": "h", "state": "DOWN"}
                """)
            let id = try #require(added.json("data", "id") as? Int)
            let check = try await api.json(.post, "/api/v1/check/notification", #"{"apikey": "\#(mine.key)", "id": \#(id)}"#)
            #expect(check.text == "false")
        }
    }

    @Test("bad V1 bodies are 400 after the key is checked", arguments: [
        (#"{"notificationtype": "host", "hostname": "h", "state": "DOWN", "icingadatetime": "yesterday"}"#, "icingadatetime"),
        (#"{"notificationtype": "service", "hostname": "h", "state": "DOWN"}"#, "servicename"),
        (#"{"hostname": "h", "state": "DOWN"}"#, "notificationtype"),
    ])
    func badNotification(fields: String, complaint: String) async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let server = try await api.createServer("s", in: try await api.createOrganization("Ops", token: token), token: token)
            let body = #"{"apikey": "\#(server.key)", "# + fields.dropFirst()
            let reply = try await api.json(.post, "/api/v1/add/notification", body)
            #expect(reply.status == .badRequest)
            #expect(reply.string("message")?.contains(complaint) == true)
        }
    }
}
