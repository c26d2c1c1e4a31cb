import EventStore
import Foundation
import Hummingbird
import Projections
import Testing

/// Reading one notification again and again, as monitoring servers poll it: every read says what the read
/// model says now, and only to the organization it belongs to.
@Suite("Reading a notification over and over")
struct NotificationReadTests {
    @Test("a notification read again after its record changed shows the change")
    func changedRecord() async throws {
        try await withGatewayAndLog { api, log in
            let (admin, organization, server) = try await api.organizationWithServer()
            let key: HTTPFields = [.authorization: "Apikey \(server.key)"]
            let sent = try await api.json(.post, "/api/servers/v2/notifications/send", """
                {"notif_type": "host", "hostname": "db1", "state": "DOWN", "output": "disk full"}
                """, headers: key)
            let number = try #require(sent.json("data", "id") as? Int)
            let path = "/api/servers/v2/notifications/get/\(number)"

            let before = try await api.send(.get, path, headers: key)
            #expect(before.string("data", "status") == "new")
            #expect(try await api.send(.get, path, headers: key).text == before.text)

            // Someone answers the page by SMS: the event the SMS-reply handler will record.
            let listed = try await api.send(.get, "/v1/notifications?organization_id=\(organization)", headers: api.bearer(admin))
            let listedID = try #require(listed.string("_embedded", "notifications", 0, "notification", "notification_id"))
            let id = try #require(TypeID(listedID))
            let organizationID = try #require(TypeID(organization))
            let acknowledged = NotificationAcknowledged(notificationID: id, organizationID: organizationID, userID: nil, via: "sms")
            let catalog = try ReadModels().catalog
            _ = try await log.append(
                [try catalog.proposed(acknowledged, EventMetadata(organization: organization, actor: "sms"))],
                to: "notification-\(number)")

            let after = try await api.send(.get, path, headers: key)
            #expect(after.status == .ok)
            #expect(after.string("data", "status") == "acknowledged")
            #expect(after.string("data", "output") == "disk full")
            #expect(try await api.send(.get, path, headers: key).text == after.text)
        }
    }

    @Test("a notification its own organization has read is still 404 to another")
    func readByOwnerFirst() async throws {
        try await withGateway { api in
            let (mine, theirs) = try await api.serversInTwoOrganizations()
            let sent = try await api.json(.post, "/api/servers/v2/notifications/send", """
                {"notif_type": "host", "hostname": "h", "state": "DOWN", "output": "their secret"}
                """, headers: [.authorization: "Apikey \(theirs.key)"])
            let path = "/api/servers/v2/notifications/get/\(try #require(sent.json("data", "id") as? Int))"

            let owner = try await api.send(.get, path, headers: [.authorization: "Apikey \(theirs.key)"])
            #expect(owner.status == .ok)
            let stranger = try await api.send(.get, path, headers: [.authorization: "Apikey \(mine.key)"])
            #expect(stranger.status == .notFound)
            #expect(!stranger.text.contains("their secret"))
            #expect(try await api.send(.get, path, headers: [.authorization: "Apikey \(theirs.key)"]).text == owner.text)
        }
    }
}
