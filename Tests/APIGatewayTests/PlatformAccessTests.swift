import EventStore
import Foundation
import Hummingbird
import Testing

@Suite("Platform API: OAuth and the application root")
struct PlatformAccessTests {
    @Test("client credentials as HTTP Basic, as form fields or as JSON give a bearer token that expires")
    func tokenForms() async throws {
        try await withGateway { api in
            let basic = Data("\(Bootstrap.clientID):\(Bootstrap.secret)".utf8).base64EncodedString()
            let requests: [(HTTPFields, String)] = [
                ([.authorization: "Basic \(basic)", .contentType: "application/x-www-form-urlencoded"], "grant_type=client_credentials"),
                ([.contentType: "application/x-www-form-urlencoded"],
                 "grant_type=client_credentials&client_id=\(Bootstrap.clientID)&client_secret=\(Bootstrap.secret)"),
                ([.contentType: "application/json"],
                 #"{"grant_type": "client_credentials", "client_id": "\#(Bootstrap.clientID)", "client_secret": "\#(Bootstrap.secret)"}"#),
            ]
            for (headers, body) in requests {
                let reply = try await api.send(.post, "/v1/oauth/token", headers: headers, body: body)
                #expect(reply.status == .ok)
                #expect(reply.string("token_type") == "bearer")
                #expect(reply.json("expires_in") as? Int == 3_600)
                let token = try #require(reply.string("access_token"))
                #expect(try await api.send(.get, "/v1/application", headers: api.bearer(token)).status == .ok)
            }
        }
    }

    @Test("a wrong secret, an unknown client or another grant type get no token")
    func refusedTokens() async throws {
        try await withGateway { api in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let wrong = try await api.send(
                .post, "/v1/oauth/token", headers: form,
                body: "grant_type=client_credentials&client_id=\(Bootstrap.clientID)&client_secret=nope")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.string("errors", 0, "message") != nil)
            let unknown = try await api.send(
                .post, "/v1/oauth/token", headers: form, body: "grant_type=client_credentials&client_id=someone&client_secret=x")
            #expect(unknown.status == .unauthorized)
            let grant = try await api.send(.post, "/v1/oauth/token", headers: form, body: "grant_type=password&username=a&password=b")
            #expect(grant.status == .badRequest)
            #expect(grant.string("errors", 0, "field") == "grant_type")
        }
    }

    @Test("a token stops working when it expires")
    func expiry() async throws {
        let clock = ManualWallClock(Timestamp(microsecondsSinceEpoch: 1_800_000_000_000_000))
        try await withGateway(settings: .init(tokenLifetimeSeconds: 60), clock: clock) { api in
            let token = try await api.adminToken()
            #expect(try await api.send(.get, "/v1/application", headers: api.bearer(token)).status == .ok)
            clock.advance(microseconds: 61_000_000)
            let expired = try await api.send(.get, "/v1/application", headers: api.bearer(token))
            #expect(expired.status == .unauthorized)
            #expect(expired.string("errors", 0, "message")?.contains("access token") == true)
        }
    }

    @Test("the application root links every endpoint category, in HAL")
    func applicationRoot() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let reply = try await api.send(.get, "/v1/application", headers: api.bearer(token))
            #expect(reply.headers[.contentType] == "application/hal+json; charset=utf-8")
            for category in ["self", "token", "organizations", "users", "servers", "schedules", "notifications", "events", "projections"] {
                #expect(reply.string("_links", category, "href")?.hasPrefix("/v1/") == true)
            }
            let anonymous = try await api.send(.get, "/v1/application")
            #expect(anonymous.status == .unauthorized)
        }
    }
}
