import Hummingbird
import Logging
import Testing

@Suite("Access log")
struct AccessLogTests {
    @Test("every request is logged once, with its method, path, status and duration, refusals included")
    func oneLinePerRequest() async throws {
        let log = CapturedLog()
        try await withGatewayAndLog(logger: log.logger()) { api, _ in
            let token = try await api.adminToken()
            let server = try await api.createServer("s", in: try await api.createOrganization("Ops", token: token), token: token)
            let before = log.texts(at: .info).count
            _ = try await api.send(.post, "/api/servers/v2/heartbeats/create", headers: [.authorization: "Apikey \(server.key)"])
            _ = try await api.send(.get, "/api/servers/v2/notifications/get/1", headers: [.authorization: "Apikey wrong"])
            _ = try await api.send(.delete, "/api/v1/add/heartbeat")
            // `<method> <path> <status> <milliseconds, two decimals> ms`.
            let lines = log.texts(at: .info).dropFirst(before).filter { $0.wholeMatch(of: /[A-Z]+ \/\S* \d{3} \d+\.\d\d ms/) != nil }
            #expect(lines.map { $0.split(separator: " ").prefix(3).joined(separator: " ") } == [
                "POST /api/servers/v2/heartbeats/create 201",
                "GET /api/servers/v2/notifications/get/1 401",
                "DELETE /api/v1/add/heartbeat 404",
            ])
        }
    }
}
