import Fixtures
import Foundation
import Hummingbird
import Testing

@Suite("Restarts and concurrent clients")
struct RestartAndConcurrencyTests {
    @Test("a restarted server on the same data directory answers every read the same, and old keys still work")
    func restart() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let (server, user, organization, before) = try await withGateway(in: directory) { api in
            let token = try await api.adminToken()
            let organization = try await api.createOrganization("Ops", token: token)
            let server = try await api.createServer("icinga", in: organization, token: token)
            let user = try await api.createUser("ana@example.com", in: organization, token: token)
            _ = try await api.send(.post, "/api/servers/v2/heartbeats/create", headers: [.authorization: "Apikey \(server.key)"])
            _ = try await api.json(.post, "/api/servers/v2/notifications/send", """
                {"notif_type": "host", "hostname": "h", "state": "DOWN", "output": "x"}
                """, headers: [.authorization: "Apikey \(server.key)"])
            return (server, user, organization, try await Self.readEverything(api, token, server.id, server.key, user, organization))
        }
        let after = try await withGateway(in: directory) { api in
            try await Self.readEverything(api, try await api.adminToken(), server.id, server.key, user, organization)
        }
        #expect(before == after)
        #expect(before.allSatisfy { !$0.contains("errors") && !$0.contains(#""success":false"#) })
    }

    /// Every read the test compares, platform and Hot Potato.
    private static func readEverything(
        _ api: APIClient, _ token: String, _ server: String, _ key: String, _ user: String, _ organization: String
    ) async throws -> [String] {
        var answers: [String] = []
        for uri in [
            "/v1/organizations", "/v1/servers/\(server)", "/v1/users/\(user)", "/v1/users?organization_id=\(organization)",
            "/v1/servers?organization_id=\(organization)",
        ] {
            answers.append(try await api.send(.get, uri, headers: api.bearer(token)).text)
        }
        answers.append(try await api.send(.get, "/api/servers/v2/notifications/get/1", headers: [.authorization: "Apikey \(key)"]).text)
        return answers
    }

    @Test("concurrent notifications get distinct, gapless ids")
    func concurrentNumbers() async throws {
        try await withGateway { api in
            let token = try await api.adminToken()
            let server = try await api.createServer("s", in: try await api.createOrganization("Ops", token: token), token: token)
            let ids = try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await api.json(.post, "/api/servers/v2/notifications/send", """
                            {"notif_type": "host", "hostname": "h", "state": "DOWN", "output": "x"}
                            """, headers: [.authorization: "Apikey \(server.key)"]).json("data", "id") as? Int
                    }
                }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            #expect(ids.compactMap { $0 }.sorted() == Array(1...40))
        }
    }
}
