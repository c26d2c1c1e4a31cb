import EventStore
import Foundation
import Hummingbird
import Projections
import Testing

@Suite("Heartbeats of a server that went missing")
struct HeartbeatRecoveryTests {
    @Test("the first heartbeat after a miss records the recovery with it; the next ones only the heartbeat")
    func recovery() async throws {
        try await withGatewayAndLog { api, log in
            let (_, organization, server) = try await api.organizationWithServer()
            let key: HTTPFields = [.authorization: "Apikey \(server.key)"]
            let first = try await api.send(.post, "/api/servers/v2/heartbeats/create", headers: key)
            #expect(first.status == .created)

            // What the missed-heartbeat worker records once the grace period has passed.
            let serverID = try #require(TypeID(server.id))
            let organizationID = try #require(TypeID(organization))
            let missed = HeartbeatMissed(
                serverID: serverID, organizationID: organizationID, lastHeartbeatAt: Timestamp(microsecondsSinceEpoch: 0),
                deadline: Timestamp(microsecondsSinceEpoch: 1))
            _ = try await log.append(
                [try ReadModels().catalog.proposed(missed, EventMetadata(organization: organization, actor: "worker"))],
                to: "heartbeats-\(serverID)")

            for recovers in [true, false] {
                let reply = try await api.send(.post, "/api/servers/v2/heartbeats/create", headers: key)
                #expect(reply.status == .created)
                let position = try #require((reply.json("data", "id") as? Int).map(UInt64.init))
                let recorded = try log.events(from: position, limit: 10).map(\.type)
                #expect(recorded == (recovers ? [HeartbeatReceived.eventType, HeartbeatRecovered.eventType] : [HeartbeatReceived.eventType]))
            }
        }
    }
}
