import Foundation
import Hummingbird
import Testing

@Suite("Tenancy")
struct TenancyTests {
    @Test("a client bound to one organization sees and changes only that organization; another's ids are 404")
    func organizationClient() async throws {
        try await withGateway { api in
            let admin = try await api.adminToken()
            let mine = try await api.createOrganization("Mine", token: admin)
            let theirs = try await api.createOrganization("Theirs", token: admin)
            let theirUser = try await api.createUser("them@example.com", in: theirs, token: admin)
            let theirServer = try await api.createServer("their-icinga", in: theirs, token: admin)
            _ = try await api.json(.post, "/api/servers/v2/notifications/send", """
                {"notif_type": "host", "hostname": "secret-host", "state": "DOWN", "output": "x"}
                """, headers: [.authorization: "Apikey \(theirServer.key)"])

            let client = try await api.json(.post, "/v1/organizations/\(mine)/clients", #"{"name": "ops team"}"#, headers: api.bearer(admin))
            #expect(client.status == .created)
            #expect(client.string("organization_id") == mine)
            let token = try await api.token(
                clientID: try #require(client.string("client_id")), secret: try #require(client.string("client_secret")))
            let bearer = api.bearer(token)

            let organizations = try await api.send(.get, "/v1/organizations", headers: bearer)
            #expect(organizations.json("page", "totalElements") as? Int == 1)
            #expect(organizations.string("_embedded", "organizations", 0, "id") == mine)

            for path in [
                "/v1/organizations/\(theirs)", "/v1/users/\(theirUser)", "/v1/servers/\(theirServer.id)",
                "/v1/users?organization_id=\(theirs)", "/v1/servers?organization_id=\(theirs)",
                "/v1/notifications?organization_id=\(theirs)",
            ] {
                let reply = try await api.send(.get, path, headers: bearer)
                #expect(reply.status == .notFound, "\(path)")
                #expect(!reply.text.contains("them@example.com") && !reply.text.contains("secret-host"))
            }
            let intoTheirs = try await api.json(.post, "/v1/servers", #"{"organization_id": "\#(theirs)", "name": "x"}"#, headers: bearer)
            #expect(intoTheirs.status == .notFound)

            let ownServer = try await api.json(.post, "/v1/servers", #"{"name": "my-icinga"}"#, headers: bearer)
            #expect(ownServer.status == .created)
            #expect(ownServer.string("organization_id") == mine)
            #expect(try await api.json(.post, "/v1/organizations", #"{"name": "x"}"#, headers: bearer).status == .forbidden)
            #expect(try await api.json(.post, "/v1/organizations/\(mine)/clients", "{}", headers: bearer).status == .forbidden)

            let events = try await api.send(.get, "/v1/events?size=100", headers: bearer)
            let organizationsSeen = Set((events.json("_embedded", "events") as? [[String: any Sendable]] ?? []).map { $0["organization"] as? String })
            #expect(organizationsSeen == [mine])
        }
    }
}
