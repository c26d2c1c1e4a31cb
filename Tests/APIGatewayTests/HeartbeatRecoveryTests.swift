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

            try await markMissed(server: server.id, of: organization, in: log)

            for recovers in [true, false] {
                let reply = try await api.send(.post, "/api/servers/v2/heartbeats/create", headers: key)
                #expect(reply.status == .created)
                let position = try #require((reply.json("data", "id") as? Int).map(UInt64.init))
                let recorded = try log.events(from: position, limit: 10).map(\.type)
                #expect(recorded == (recovers ? [HeartbeatReceived.eventType, HeartbeatRecovered.eventType] : [HeartbeatReceived.eventType]))
            }
        }
    }

    @Test("heartbeats racing after a miss all succeed and record one recovery between them")
    func racingRecovery() async throws {
        try await withGatewayAndLog { api, log in
            let (_, organization, server) = try await api.organizationWithServer()
            let key: HTTPFields = [.authorization: "Apikey \(server.key)"]
            #expect(try await api.send(.post, "/api/servers/v2/heartbeats/create", headers: key).status == .created)
            try await markMissed(server: server.id, of: organization, in: log)

            let statuses = try await api.statuses(ofConcurrent: 12, .post, "/api/servers/v2/heartbeats/create", headers: key)
            #expect(statuses == Array(repeating: .created, count: 12))
            let types = try log.events(inStream: "heartbeats-\(server.id)", from: nil, direction: .forward, limit: 100).map(\.type)
            #expect(types.filter { $0 == HeartbeatReceived.eventType }.count == 13)
            #expect(types.filter { $0 == HeartbeatRecovered.eventType }.count == 1)
        }
    }

    /// What the missed-heartbeat worker records once a server's grace period has passed.
    private func markMissed(server: String, of organization: String, in log: LMDBEventLog) async throws {
        let missed = HeartbeatMissed(
            serverID: try #require(TypeID(server)), organizationID: try #require(TypeID(organization)),
            lastHeartbeatAt: Timestamp(microsecondsSinceEpoch: 0), deadline: Timestamp(microsecondsSinceEpoch: 1))
        _ = try await log.append(
            [try ReadModels().catalog.proposed(missed, EventMetadata(organization: organization, actor: "worker"))],
            to: "heartbeats-\(server)")
    }
}
