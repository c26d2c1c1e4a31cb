import Foundation
import Hummingbird
import Testing

@Suite("Hot Potato V2")
struct HotPotatoV2Tests {
    @Test("the seed's heartbeat: 201 with id, server_id and recieved_dt in the standard response")
    func heartbeat() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            let server = try await api.createServer("icinga", in: organization, token: token)

            let reply = try await api.send(.post, "/api/servers/v2/heartbeats/create", headers: [.authorization: "apikey \(server.key)"])
            #expect(reply.status == .created)
            #expect(reply.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(reply.json("success") as? Bool == true)
            #expect(reply.json("code") as? Int == 201)
            #expect(reply.json("message") is NSNull)
            #expect(reply.json("data", "server_id") as? Int == server.number)
            #expect(reply.json("data", "id") is Int)
            let received = try #require(reply.string("data", "recieved_dt"))
            #expect(received.wholeMatch(of: /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}/) != nil)
            // The bytes, as JSONEncoder with sorted keys wrote them before the envelope wrote its own members.
            let id = try #require(reply.json("data", "id") as? Int)
            #expect(reply.text == #"{"code":201,"data":{"id":\#(id),"recieved_dt":"\#(received)","server_id":\#(server.number)},"message":null,"success":true}"#)
        }
    }

    @Test("a missing, malformed or wrong API key is 401 in the standard response", arguments: [
        nil, "Apikey", "Bearer abc", "Apikey not-a-key",
    ])
    func unauthorized(header: String?) async throws {
        try await withGateway { api in
            var headers: HTTPFields = [:]
            headers[.authorization] = header
            for (method, path) in [(HTTPRequest.Method.post, "heartbeats/create"), (.get, "notifications/get/1")] {
                let reply = try await api.send(method, "/api/servers/v2/\(path)", headers: headers)
                #expect(reply.status == .unauthorized)
                #expect(reply.json("success") as? Bool == false)
                #expect(reply.json("code") as? Int == 401)
                #expect(reply.json("data") is NSNull)
                #expect(reply.string("message")?.contains("Apikey") == true)
                let message = try #require(reply.string("message"))
                #expect(reply.text == #"{"code":401,"data":null,"message":"\#(message)","success":false}"#)
            }
        }
    }

    @Test("the seed's send: 201 with code 200, the seed's fields and the new id; get answers it with its status")
    func sendAndGet() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            let server = try await api.createServer("myserver", in: organization, token: token)
            let key: HTTPFields = [.authorization: "Apikey \(server.key)"]

            let sent = try await api.json(.post, "/api/servers/v2/notifications/send", """
                {"notif_type": "service", "trouble_code": "BAD01", "hostname": "myhost", "display_name": "My host",
                 "service_name": "Postgres", "state": "Down", "output": "..."}
                """, headers: key)
            #expect(sent.status == .created)
            #expect(sent.json("code") as? Int == 200)
            #expect(sent.json("success") as? Bool == true)
            let id = try #require(sent.json("data", "id") as? Int)
            #expect(sent.json("data", "server_id") as? Int == server.number)
            #expect(sent.string("data", "server_name") == "myserver")
            #expect(sent.json("data", "tenant_id") as? Int == 2, "the default organization is the first")
            #expect(sent.json("data", "user_id") is NSNull)
            for (field, value) in [
                ("notif_type", "service"), ("trouble_code", "BAD01"), ("hostname", "myhost"), ("display_name", "My host"),
                ("service_name", "Postgres"), ("state", "Down"), ("output", "..."),
            ] {
                #expect(sent.string("data", field) == value)
            }
            #expect(sent.string("data", "timestamp") != nil)

            let got = try await api.send(.get, "/api/servers/v2/notifications/get/\(id)", headers: key)
            #expect(got.status == .ok)
            #expect(got.json("code") as? Int == 200)
            for (field, value) in [
                ("hostname", "myhost"), ("servicename", "Postgres"), ("troublecode", "BAD01"), ("displayname", "My host"),
                ("output", "..."), ("notificationtype", "service"), ("status", "new"),
            ] {
                #expect(got.string("data", field) == value)
            }
        }
    }

    @Test("a trouble code sent as a number is kept as its digits")
    func numericTroubleCode() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let server = try await api.createServer("s", in: try await api.createOrganization("Ops", token: token), token: token)
            let sent = try await api.json(.post, "/api/servers/v2/notifications/send", """
                {"notif_type": "host", "trouble_code": 42, "hostname": "h", "state": "DOWN", "output": "x"}
                """, headers: [.authorization: "Apikey \(server.key)"])
            #expect(sent.status == .created)
            #expect(sent.string("data", "trouble_code") == "42")
        }
    }

    @Test("bad notifications are 400 in the standard response and record nothing", arguments: [
        (#"{"notif_type": "service", "hostname": "h", "state": "DOWN"}"#, "service_name"),
        (#"{"notif_type": "disk", "hostname": "h", "state": "DOWN"}"#, "notif_type"),
        (#"{"hostname": "h", "state": "DOWN"}"#, "notif_type"),
        (#"{"notif_type": "host", "hostname": 7, "state": "DOWN"}"#, "hostname"),
        (#"{"notif_type": "host", "hostname": "h""#, "JSON"),
        (#"["notif_type"]"#, "JSON object"),
    ])
    func badNotification(body: String, complaint: String) async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let server = try await api.createServer("s", in: try await api.createOrganization("Ops", token: token), token: token)
            let key: HTTPFields = [.authorization: "Apikey \(server.key)"]
            let reply = try await api.json(.post, "/api/servers/v2/notifications/send", body, headers: key)
            #expect(reply.status == .badRequest)
            #expect(reply.json("code") as? Int == 400)
            #expect(reply.json("success") as? Bool == false)
            #expect(reply.string("message")?.contains(complaint) == true)
            #expect(try await api.send(.get, "/api/servers/v2/notifications/get/1", headers: key).status == .notFound)
        }
    }

    @Test("unknown, non-numeric and other organizations' notification ids are 404")
    func notFound() async throws {
        try await withGateway { api in
            let (mine, theirs) = try await api.serversInTwoOrganizations()
            let sent = try await api.json(.post, "/api/servers/v2/notifications/send", """
                {"notif_type": "host", "hostname": "h", "state": "DOWN", "output": "secret output"}
                """, headers: [.authorization: "Apikey \(theirs.key)"])
            let theirID = try #require(sent.json("data", "id") as? Int)
            for path in ["\(theirID)", "999", "abc", "-1"] {
                let reply = try await api.send(.get, "/api/servers/v2/notifications/get/\(path)", headers: [.authorization: "Apikey \(mine.key)"])
                #expect(reply.status == .notFound)
                #expect(reply.json("code") as? Int == 404)
                #expect(!reply.text.contains("secret output"))
            }
        }
    }
}
