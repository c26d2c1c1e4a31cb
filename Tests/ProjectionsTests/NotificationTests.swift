import EventStore
import Fixtures
import Foundation
import Projections
import Testing

@Suite("Notification status and Modica delivery states")
struct NotificationTests {
    private static func record(_ event: some DomainEvent, _ catalog: EventCatalog, _ log: LMDBEventLog) async throws {
        _ = try await log.append([catalog.proposed(event, EventMetadata(organization: nil, actor: "test"))], to: "test")
    }

    private static func created(_ id: TypeID, _ number: Int64, _ organization: TypeID, _ server: TypeID?) -> NotificationCreated {
        NotificationCreated(
            notificationID: id, number: number, organizationID: organization, serverID: server, kind: "service",
            troubleCode: "BAD01", hostname: "myhost", displayName: "My host", serviceName: "Postgres", state: "Down",
            output: "...", observedAt: nil)
    }

    @Test("a notification's life: routed, paged, delivered, escalated, failed, acknowledged, resolved")
    func lifecycle() async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let catalog = try EventCatalog(NotificationProjection.events)
        let runner = try ProjectionRunner([NotificationProjection(catalog: catalog), ModicaProjection(catalog: catalog)])
        let acme = try makeID("org", 1), globex = try makeID("org", 2)
        let server = try makeID("server", 3), ana = try makeID("orguser", 4), ben = try makeID("orguser", 5)
        let first = try makeID("notif", 6), second = try makeID("notif", 7), foreign = try makeID("notif", 8)
        let page1 = try makeID("page", 9), page2 = try makeID("page", 10)
        let clock = ManualWallClock(Timestamp(microsecondsSinceEpoch: 1_800_000_000_000_000))

        try await LMDBEventLog.withOpenLog(directory: directory, configuration: .init(clock: clock, hooks: [runner])) { log in
            try await runner.catchUp(log)
            func status() throws -> NotificationRecord? {
                try runner.read("notifications", in: log) { try NotificationQueries($0).notification(number: 15, in: acme) }
            }
            try await Self.record(Self.created(first, 15, acme, server), catalog, log)
            #expect(try status()?.status == .new)
            try await Self.record(NotificationRouted(
                notificationID: first, organizationID: acme, scheduleID: nil, escalation: [ana, ben], reason: "rotation position 0",
                skipped: []), catalog, log)
            #expect(try status()?.status == .routed)
            #expect(try status()?.assignedUserID == ana)

            try await Self.record(PageQueued(pageID: page1, notificationID: first, organizationID: acme, userID: ana, phone: "+64211234567", message: "m"), catalog, log)
            try await Self.record(PageSent(pageID: page1, notificationID: first, organizationID: acme, providerMessageID: 991), catalog, log)
            #expect(try status()?.status == .paged)
            for delivery in [DeliveryReported.Status.submitted, .received] {
                try await Self.record(DeliveryReported(providerMessageID: 991, status: delivery, pageID: page1, notificationID: first, organizationID: acme), catalog, log)
            }
            #expect(try status()?.status == .delivered)

            try await Self.record(NotificationEscalated(notificationID: first, organizationID: acme, fromUserID: ana, toUserID: ben, reason: "no acknowledgement within 5 minutes"), catalog, log)
            #expect(try status()?.status == .escalated)
            #expect(try status()?.assignedUserID == ben)
            try await Self.record(PageQueued(pageID: page2, notificationID: first, organizationID: acme, userID: ben, phone: "+64211234568", message: "m"), catalog, log)
            try await Self.record(PageSent(pageID: page2, notificationID: first, organizationID: acme, providerMessageID: 992), catalog, log)
            try await Self.record(DeliveryReported(providerMessageID: 992, status: .rejected, pageID: page2, notificationID: first, organizationID: acme), catalog, log)
            #expect(try status()?.status == .failed)
            // A late receipt for the earlier page does not speak for the notification any more.
            try await Self.record(DeliveryReported(providerMessageID: 991, status: .received, pageID: page1, notificationID: first, organizationID: acme), catalog, log)
            #expect(try status()?.status == .failed)

            clock.advance(microseconds: 60_000_000)
            try await Self.record(NotificationAcknowledged(notificationID: first, organizationID: acme, userID: ben, via: "sms"), catalog, log)
            try await Self.record(DeliveryReported(providerMessageID: 992, status: .received, pageID: page2, notificationID: first, organizationID: acme), catalog, log)
            let acknowledged = try #require(try status())
            #expect(acknowledged.status == .acknowledged)
            #expect(acknowledged.acknowledgedBy == ben)
            #expect(acknowledged.attempts.map(\.providerMessageID) == [991, 992])
            #expect(acknowledged.attempts[0].deliveries.map(\.status) == [.submitted, .received, .received])
            try await Self.record(NotificationResolved(notificationID: first, organizationID: acme, userID: ben), catalog, log)
            #expect(try status()?.status == .resolved)

            try await Self.record(Self.created(second, 16, acme, nil), catalog, log)
            try await Self.record(NotificationRouted(
                notificationID: second, organizationID: acme, scheduleID: nil, escalation: [], reason: "nobody available",
                skipped: ["ana: hard_unavailable"]), catalog, log)
            try await Self.record(Self.created(foreign, 17, globex, nil), catalog, log)

            try runner.read("notifications", in: log) { reader throws in
                let queries = NotificationQueries(reader)
                #expect(try queries.notification(second, in: acme)?.status == .new)
                #expect(try queries.notification(second, in: acme)?.routingReason == "nobody available")
                #expect(try queries.notification(foreign, in: acme) == nil)
                #expect(try queries.notification(number: 17, in: acme) == nil)
                let all = try queries.list(in: acme, .init(), offset: 0, limit: 10)
                #expect(all.records.map(\.notification.number) == [16, 15])
                #expect(all.total == 2)
                let secondPage = try queries.list(in: acme, .init(), offset: 1, limit: 1)
                #expect(secondPage.records.map(\.notification.number) == [15] && secondPage.total == 2)
                #expect(try queries.list(in: acme, .init(status: .resolved), offset: 0, limit: 10).records.map(\.notification.number) == [15])
                #expect(try queries.list(in: acme, .init(serverID: server), offset: 0, limit: 10).total == 1)
                #expect(try queries.list(in: acme, .init(since: clock.now()), offset: 0, limit: 10).records.map(\.notification.number) == [16])
                #expect(try queries.list(in: globex, .init(), offset: 0, limit: 10).total == 1)
            }
            try runner.read("modica", in: log) { reader throws in
                let message = try #require(try ModicaQueries(reader).message(992))
                #expect(message.notificationID == first && message.pageID == page2)
                #expect(message.statuses.map(\.status) == [.rejected, .received])
                #expect(try ModicaQueries(reader).message(12345) == nil)
            }
            for name in ["notifications", "modica"] {
                let inline = try dumpTables(runner, name, log)
                try await runner.rebuild(name, in: log)
                #expect(try dumpTables(runner, name, log) == inline)
            }
        }
    }
}
