import EventStore
import Fixtures
import Foundation
import Projections
import Testing

@Suite("Webhooks and the on-call timeline")
struct WebhookAndTimelineTests {
    private static func record(_ event: some DomainEvent, _ catalog: EventCatalog, _ log: LMDBEventLog) async throws {
        _ = try await log.append([catalog.proposed(event, EventMetadata(organization: nil, actor: "test"))], to: "test")
    }

    @Test("webhooks per organization; routing decisions by schedule and time")
    func readModels() async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let models = try ReadModels()
        let acme = try makeID("org", 1), globex = try makeID("org", 2)
        let first = try makeID("hook", 3), second = try makeID("hook", 4)
        let schedule = try makeID("sched", 5), ana = try makeID("orguser", 6)
        let start = Timestamp(microsecondsSinceEpoch: 1_800_000_000_000_000)
        let clock = ManualWallClock(start)
        func minute(_ count: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + count * 60_000_000) }

        try await LMDBEventLog.withOpenLog(directory: directory, configuration: .init(clock: clock, hooks: [models.runner])) { log in
            try await models.runner.catchUp(log)
            for hook in [first, second] {
                try await Self.record(WebhookCreated(
                    webhookID: hook, organizationID: acme, url: "https://hooks.example.com/\(hook)", eventTypes: [],
                    secretHash: "h"), models.catalog, log)
            }
            try await Self.record(WebhookDeleted(webhookID: first, organizationID: acme), models.catalog, log)
            for (offset, escalation) in [(Int64(0), [ana]), (10, []), (20, [ana])] {
                clock.set(minute(offset))
                try await Self.record(NotificationRouted(
                    notificationID: try makeID("notif", 100 + offset), organizationID: acme, scheduleID: schedule,
                    escalation: escalation, reason: escalation.isEmpty ? "nobody available" : "rotation position 0",
                    skipped: escalation.isEmpty ? ["ana: hard_unavailable"] : []), models.catalog, log)
            }

            try models.runner.read(["webhooks", "oncall-timeline"], in: log) { readers throws in
                let webhooks = WebhookQueries(readers[0])
                #expect(try webhooks.webhooks(in: acme).map(\.webhookID) == [second])
                #expect(try webhooks.webhook(first, in: acme) == nil)
                #expect(try webhooks.webhooks(in: globex).isEmpty)
                #expect(try webhooks.webhook(second, in: acme)?.wants("anything") == true)

                let timeline = OnCallTimelineQueries(readers[1])
                let outage = try timeline.entries(for: schedule, in: acme, from: minute(5), to: minute(15))
                #expect(outage.map(\.reason) == ["nobody available"])
                #expect(outage.first?.skipped == ["ana: hard_unavailable"])
                #expect(try timeline.entries(for: schedule, in: acme, from: minute(0), to: minute(30)).count == 3)
                #expect(try timeline.entries(for: nil, in: acme, from: minute(0), to: minute(30)).isEmpty)
                #expect(try timeline.entries(for: schedule, in: globex, from: minute(0), to: minute(30)).isEmpty)
            }
        }
    }
}
