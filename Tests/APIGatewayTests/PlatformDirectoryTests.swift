import Foundation
import Hummingbird
import Testing

@Suite("Platform API: organizations, users, API keys and servers")
struct PlatformDirectoryTests {
    @Test("organizations page 0-based with size, totals and next/prev links")
    func organizationPages() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            for name in ["A", "B", "C", "D"] { _ = try await api.createOrganization(name, token: token) }
            let first = try await api.send(.get, "/v1/organizations?page=0&size=2", headers: api.bearer(token))
            #expect(first.json("page", "totalElements") as? Int == 5, "four and the default")
            #expect(first.json("page", "totalPages") as? Int == 3)
            #expect(first.json("page", "number") as? Int == 0)
            #expect((first.json("_embedded", "organizations") as? [any Sendable])?.count == 2)
            #expect(first.string("_links", "next", "href") == "/v1/organizations?page=1&size=2")
            #expect(first.json("_links", "prev") == nil)
            let last = try await api.send(.get, "/v1/organizations?page=2&size=2", headers: api.bearer(token))
            #expect(last.string("_embedded", "organizations", 0, "name") == "D")
            #expect(last.string("_links", "prev", "href") == "/v1/organizations?page=1&size=2")
            for query in ["page=-1", "size=0", "size=101", "page=x", "page=1000001", "page=9223372036854775807"] {
                let refused = try await api.send(.get, "/v1/organizations?\(query)", headers: api.bearer(token))
                #expect(refused.status == .badRequest)
                #expect(refused.string("errors", 0, "field") == (query.hasPrefix("page") ? "page" : "size"))
            }
            let farPage = try await api.send(.get, "/v1/organizations?page=1000000", headers: api.bearer(token))
            #expect(farPage.status == .ok)
            #expect((farPage.json("_embedded", "organizations") as? [any Sendable])?.isEmpty == true)
        }
    }

    @Test("an organization by id; unknown and malformed ids are 404")
    func organizationByID() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let id = try await api.createOrganization("Ops", token: token)
            let reply = try await api.send(.get, "/v1/organizations/\(id)", headers: api.bearer(token))
            #expect(reply.string("name") == "Ops")
            #expect(reply.string("_links", "self", "href") == "/v1/organizations/\(id)")
            for other in ["org_00000000000000000000000000", "nonsense", "orguser_01jbz45x59eynayzndz0jp10dz"] {
                let missing = try await api.send(.get, "/v1/organizations/\(other)", headers: api.bearer(token))
                #expect(missing.status == .notFound)
                #expect(missing.string("errors", 0, "code") == "not_found")
            }
        }
    }

    @Test("a user is created with its fields, listed in its organization and found by id")
    func users() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            let other = try await api.createOrganization("Other", token: token)
            let id = try await api.createUser("Ana@Example.com", in: organization, token: token)
            _ = try await api.createUser("bob@example.com", in: other, token: token)

            let user = try await api.send(.get, "/v1/users/\(id)", headers: api.bearer(token))
            #expect(user.string("email") == "ana@example.com")
            #expect(user.string("phone") == "+64211234567")
            #expect(user.string("time_zone") == "Pacific/Auckland")
            #expect(user.string("organization_id") == organization)
            #expect(user.string("_links", "api-keys", "href") == "/v1/users/\(id)/api-keys")

            let list = try await api.send(.get, "/v1/users?organization_id=\(organization)", headers: api.bearer(token))
            #expect(list.json("page", "totalElements") as? Int == 1)
            #expect(list.string("_embedded", "users", 0, "id") == id)
            let unscoped = try await api.send(.get, "/v1/users", headers: api.bearer(token))
            #expect(unscoped.status == .unprocessableContent)
            #expect(unscoped.string("errors", 0, "field") == "organization_id")
        }
    }

    @Test("invalid users are 422 with the field and its code, and nothing is created", arguments: [
        (#""name": "A", "email": "not-an-email", "phone": "+64211234567""#, "email", "invalid"),
        (#""name": "A", "email": "a@example.com", "phone": "021 123 4567""#, "phone", "invalid"),
        (#""name": "A", "email": "a@example.com", "phone": "+64211234567", "time_zone": "Mars/Olympus""#, "time_zone", "invalid"),
        (#""email": "a@example.com", "phone": "+64211234567""#, "name", "missing_field"),
        (#""name": 5, "email": "a@example.com", "phone": "+64211234567""#, "name", "invalid"),
        (#""name": " ", "email": "a@example.com", "phone": "+64211234567""#, "name", "invalid"),
    ])
    func invalidUsers(fields: String, field: String, code: String) async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            let reply = try await api.json(.post, "/v1/users", #"{"organization_id": "\#(organization)", \#(fields)}"#, headers: api.bearer(token))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.string("errors", 0, "field") == field)
            #expect(reply.string("errors", 0, "code") == code)
            let list = try await api.send(.get, "/v1/users?organization_id=\(organization)", headers: api.bearer(token))
            #expect(list.json("page", "totalElements") as? Int == 0)
        }
    }

    @Test("a second user with the same email in one organization is already_exists")
    func duplicateEmail() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            _ = try await api.createUser("ana@example.com", in: organization, token: token)
            let again = try await api.json(.post, "/v1/users", """
                {"organization_id": "\(organization)", "name": "Ana", "email": "ANA@example.com", "phone": "+64211234567"}
                """, headers: api.bearer(token))
            #expect(again.status == .unprocessableContent)
            #expect(again.string("errors", 0, "code") == "already_exists")
        }
    }

    @Test("concurrent requests for one email in one organization create exactly one user")
    func concurrentDuplicateEmail() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for attempt in 0..<12 {
                    group.addTask {
                        try await api.json(.post, "/v1/users", """
                            {"organization_id": "\(organization)", "name": "Ana \(attempt)", \
                            "email": "\(attempt % 2 == 0 ? "ana" : "ANA")@example.com", "phone": "+64211234567"}
                            """, headers: api.bearer(token)).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 11)
            let list = try await api.send(.get, "/v1/users?organization_id=\(organization)", headers: api.bearer(token))
            #expect(list.json("page", "totalElements") as? Int == 1)
        }
    }

    @Test("a user's API key is shown once, listed without it, and stops being listed when revoked")
    func apiKeys() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let user = try await api.createUser("ana@example.com", in: try await api.createOrganization("Ops", token: token), token: token)
            let created = try await api.json(.post, "/v1/users/\(user)/api-keys", #"{"name": "laptop"}"#, headers: api.bearer(token))
            #expect(created.status == .created)
            #expect(created.string("key")?.count == 64)
            let keyID = try #require(created.string("id"))

            let list = try await api.send(.get, "/v1/users/\(user)/api-keys", headers: api.bearer(token))
            #expect(list.string("_embedded", "api-keys", 0, "name") == "laptop")
            #expect(list.json("_embedded", "api-keys", 0, "key") == nil)

            let revoked = try await api.send(.delete, "/v1/users/\(user)/api-keys/\(keyID)", headers: api.bearer(token))
            #expect(revoked.status == .noContent)
            let after = try await api.send(.get, "/v1/users/\(user)/api-keys", headers: api.bearer(token))
            #expect(after.json("page", "totalElements") as? Int == 0)
            let again = try await api.send(.delete, "/v1/users/\(user)/api-keys/\(keyID)", headers: api.bearer(token))
            #expect(again.status == .notFound)
        }
    }

    @Test("requests revoking one API key together revoke it once: one 204, the others 404")
    func concurrentRevocation() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let user = try await api.createUser("ana@example.com", in: try await api.createOrganization("Ops", token: token), token: token)
            let keyID = try #require(
                try await api.json(.post, "/v1/users/\(user)/api-keys", "{}", headers: api.bearer(token)).string("id"))
            let statuses = try await api.statuses(ofConcurrent: 8, .delete, "/v1/users/\(user)/api-keys/\(keyID)", headers: api.bearer(token))
            #expect(statuses.filter { $0 == .noContent }.count == 1)
            #expect(statuses.filter { $0 == .notFound }.count == 7)
        }
    }

    @Test("a server's API key comes once, with the server; a user's API key is not a server's")
    func servers() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            let server = try await api.createServer("icinga", in: organization, token: token)
            let got = try await api.send(.get, "/v1/servers/\(server.id)", headers: api.bearer(token))
            #expect(got.string("name") == "icinga")
            #expect(got.json("heartbeat_grace_seconds") as? Int == 300)
            #expect(got.json("api_key") == nil)
            let list = try await api.send(.get, "/v1/servers?organization_id=\(organization)", headers: api.bearer(token))
            #expect(list.string("_embedded", "servers", 0, "id") == server.id)

            let user = try await api.createUser("ana@example.com", in: organization, token: token)
            let userKey = try #require(
                try await api.json(.post, "/v1/users/\(user)/api-keys", "{}", headers: api.bearer(token)).string("key"))
            let heartbeat = try await api.send(.post, "/api/servers/v2/heartbeats/create", headers: [.authorization: "Apikey \(userKey)"])
            #expect(heartbeat.status == .unauthorized)

            let badGrace = try await api.json(
                .post, "/v1/servers", #"{"organization_id": "\#(organization)", "name": "x", "heartbeat_grace_seconds": 1}"#,
                headers: api.bearer(token))
            #expect(badGrace.string("errors", 0, "field") == "heartbeat_grace_seconds")
        }
    }

    @Test("an unknown organization_id is 404 and creates nothing")
    func unknownOrganization() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let reply = try await api.json(
                .post, "/v1/servers", #"{"organization_id": "org_01jbz45x59eynayzndz0jp10dz", "name": "x"}"#, headers: api.bearer(token))
            #expect(reply.status == .notFound)
            let malformed = try await api.json(.post, "/v1/servers", #"{"organization_id": "x", "name": "x"}"#, headers: api.bearer(token))
            #expect(malformed.status == .unprocessableContent)
            #expect(malformed.string("errors", 0, "field") == "organization_id")
        }
    }
}
