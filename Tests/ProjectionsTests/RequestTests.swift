import EventStore
import Fixtures
import Foundation
import Projections
import Testing

@Suite("Asynchronous request status")
struct RequestTests {
    private static func record(_ events: [any DomainEvent], _ catalog: EventCatalog, _ log: LMDBEventLog) async throws {
        let proposed = try events.map { try catalog.proposed($0, EventMetadata(organization: nil, actor: "test")) }
        _ = try await log.append(proposed, to: "test")
    }

    private static func page(_ request: TypeID, _ notification: TypeID, _ number: Int64, _ organization: TypeID, _ user: TypeID) -> [any DomainEvent] {
        [
            RequestAccepted(requestID: request, organizationID: organization, userID: user, notificationID: notification),
            NotificationCreated(
                notificationID: notification, number: number, organizationID: organization, serverID: nil, kind: "page",
                troubleCode: "", hostname: "", displayName: "", serviceName: "", state: "", output: "Call me", observedAt: nil),
        ]
    }

    @Test("a page request goes queued, sent, delivered; or fails when nobody can be paged or delivery fails")
    func statuses() async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let models = try ReadModels()
        let acme = try makeID("org", 1), globex = try makeID("org", 2), ana = try makeID("orguser", 3)
        let delivered = try makeID("req", 4), nobody = try makeID("req", 5), rejected = try makeID("req", 6)
        let first = try makeID("notif", 7), second = try makeID("notif", 8), third = try makeID("notif", 9)
        let page = try makeID("page", 10), page3 = try makeID("page", 11)

        try await LMDBEventLog.withOpenLog(directory: directory, configuration: .init(hooks: [models.runner])) { log in
            try await models.runner.catchUp(log)
            func status(_ request: TypeID, in organization: TypeID = acme) throws -> RequestStatus? {
                try models.runner.read(["requests", "notifications"], in: log) { readers in
                    try RequestQueries(requests: readers[0], notifications: readers[1]).status(of: request, in: organization)
                }
            }
            try await Self.record(Self.page(delivered, first, 1, acme, ana) + [
                NotificationRouted(notificationID: first, organizationID: acme, scheduleID: nil, escalation: [ana], reason: "page to a person", skipped: []),
                PageQueued(pageID: page, notificationID: first, organizationID: acme, userID: ana, phone: "+64211234567", message: "Call me"),
            ], models.catalog, log)
            #expect(try status(delivered)?.state == .queued)
            try await Self.record([PageSent(pageID: page, notificationID: first, organizationID: acme, providerMessageID: 991)], models.catalog, log)
            #expect(try status(delivered)?.state == .sent)
            try await Self.record([DeliveryReported(providerMessageID: 991, status: .received, pageID: page, notificationID: first, organizationID: acme)], models.catalog, log)
            let done = try #require(try status(delivered))
            #expect(done.state == .delivered && done.error == nil)
            #expect(done.notification.attempts.first?.providerMessageID == 991)
            #expect(try status(delivered, in: globex) == nil)
            #expect(try status(nobody) == nil)

            try await Self.record(Self.page(nobody, second, 2, acme, ana) + [
                NotificationRouted(notificationID: second, organizationID: acme, scheduleID: nil, escalation: [], reason: "nobody available", skipped: []),
            ], models.catalog, log)
            #expect(try status(nobody).map { [$0.state.rawValue, $0.error] } == ["failed", "nobody available"])

            try await Self.record(Self.page(rejected, third, 3, acme, ana) + [
                NotificationRouted(notificationID: third, organizationID: acme, scheduleID: nil, escalation: [ana], reason: "page to a person", skipped: []),
                PageQueued(pageID: page3, notificationID: third, organizationID: acme, userID: ana, phone: "+64211234567", message: "Call me"),
                PageSent(pageID: page3, notificationID: third, organizationID: acme, providerMessageID: 993),
                DeliveryReported(providerMessageID: 993, status: .rejected, pageID: page3, notificationID: third, organizationID: acme),
            ], models.catalog, log)
            #expect(try status(rejected).map { [$0.state.rawValue, $0.error] } == ["failed", "delivery rejected"])
        }
    }
}
