import Foundation
import Hummingbird
import Testing

@Suite("Hostile input")
struct HostileInputTests {
    @Test("a body over the limit is 413 in the family's envelope")
    func tooLarge() async throws {
        try await withGateway(settings: .init(maxBodyBytes: 1_024)) { api in
            let token = try await api.adminToken()
            let server = try await api.createServer("s", in: try await api.createOrganization("Ops", token: token), token: token)
            let huge = #"{"notif_type": "host", "hostname": "h", "state": "DOWN", "output": ""# + String(repeating: "x", count: 4_096) + #""}"#
            let hotPotato = try await api.json(.post, "/api/servers/v2/notifications/send", huge, headers: [.authorization: "Apikey \(server.key)"])
            #expect(hotPotato.status == .contentTooLarge)
            #expect(hotPotato.json("code") as? Int == 413)
            let platform = try await api.json(.post, "/v1/organizations", #"{"name": ""# + String(repeating: "x", count: 4_096) + #""}"#, headers: api.bearer(token))
            #expect(platform.status == .contentTooLarge)
            #expect(platform.string("errors", 0, "message")?.contains("larger") == true)
        }
    }

    @Test("bytes that are not UTF-8 are 400")
    func invalidUTF8() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let server = try await api.createServer("s", in: try await api.createOrganization("Ops", token: token), token: token)
            let body: [UInt8] = Array(#"{"notif_type": "host", "hostname": "h"#.utf8) + [0xff, 0xfe] + Array(#"", "state": "x"}"#.utf8)
            let reply = try await api.bytes(
                .post, "/api/servers/v2/notifications/send",
                headers: [.authorization: "Apikey \(server.key)", .contentType: "application/json"], body: body)
            #expect(reply.status == .badRequest)
            #expect(reply.string("message")?.contains("UTF-8") == true)
        }
    }

    @Test("JSON nested far deeper than any request is 400 in the family's envelope, and the server serves on")
    func deeplyNested() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let server = try await api.createServer("s", in: try await api.createOrganization("Ops", token: token), token: token)
            let arrays = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            let objects = String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000)
            for nested in [arrays, objects] {
                let hotPotato = try await api.json(.post, "/api/servers/v2/notifications/send", nested, headers: [.authorization: "Apikey \(server.key)"])
                #expect(hotPotato.status == .badRequest)
                #expect(hotPotato.json("code") as? Int == 400)
                let platform = try await api.json(.post, "/v1/organizations", nested, headers: api.bearer(token))
                #expect(platform.status == .badRequest)
                #expect(platform.string("errors", 0, "message") != nil)
            }
            let heartbeat = try await api.send(.post, "/api/servers/v2/heartbeats/create", headers: [.authorization: "Apikey \(server.key)"])
            #expect(heartbeat.status == .created)
        }
    }

    @Test("a body that is not JSON by its content type is 415")
    func wrongContentType() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let reply = try await api.send(
                .post, "/v1/organizations", headers: [.authorization: "Bearer \(token)", .contentType: "text/plain"], body: #"{"name": "x"}"#)
            #expect(reply.status == .unsupportedMediaType)
            #expect(reply.string("errors", 0, "message")?.contains("application/json") == true)
        }
    }

    @Test("empty and oversized credentials are refused like wrong ones, not failed on")
    func oddCredentials() async throws {
        try await withGateway { api in
            let long = String(repeating: "k", count: 2_000)
            for key in ["", long] {
                let v2 = try await api.send(.post, "/api/servers/v2/heartbeats/create", headers: [.authorization: "Apikey \(key)"])
                #expect(v2.status == .unauthorized)
                let v1 = try await api.json(.post, "/api/v1/add/heartbeat", #"{"apikey": "\#(key)"}"#)
                #expect(v1.status == .forbidden)
                let platform = try await api.send(.get, "/v1/application", headers: api.bearer(key))
                #expect(platform.status == .unauthorized)
                let token = try await api.send(
                    .post, "/v1/oauth/token", headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: "grant_type=client_credentials&client_id=\(key)&client_secret=\(key)")
                #expect(token.status == .unauthorized)
            }
        }
    }

    @Test("unknown routes are 404 in the envelope of the family the path belongs to")
    func unknownRoutes() async throws {
        try await withGateway { api in
            let hotPotato = try await api.send(.get, "/api/servers/v2/nothing/here")
            #expect(hotPotato.status == .notFound)
            #expect(hotPotato.json("success") as? Bool == false)
            let v1 = try await api.send(.delete, "/api/v1/add/heartbeat")
            #expect(v1.status == .notFound)
            #expect(v1.json("code") as? Int == 404)
            let platform = try await api.send(.get, "/v1/nothing")
            #expect(platform.status == .notFound)
            #expect(platform.string("errors", 0, "code") == "not_found")
        }
    }
}
