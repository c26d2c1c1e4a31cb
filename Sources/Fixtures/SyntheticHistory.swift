public import EventStore
public import Projections
import Foundation

/// A deterministic, realistic paging history: organizations with people, servers and a schedule; then mostly
/// heartbeats, with notifications that go through the whole paging lifecycle (routing, pages, delivery
/// receipts, escalations, failures, acknowledgements, resolutions), missed heartbeats and availability
/// records. The same seed gives the same events, for tests that compare builds and for benchmarks.
public struct SyntheticHistory {
    /// One append: events for one stream.
    public struct Append {
        public let stream: String
        public let events: [any DomainEvent]
    }

    private var random: SplitMix64
    private let start: Timestamp
    private var elapsed: Int64 = 0
    private var organizations: [Organization] = []
    private var notificationNumber: Int64 = 0
    private var sequence: Int64 = 0

    private struct Organization {
        let id: TypeID
        let users: [TypeID]
        let servers: [TypeID]
        let schedule: TypeID
    }

    public init(seed: UInt64, start: Timestamp = Timestamp(microsecondsSinceEpoch: 1_798_761_600_000_000)) {
        random = SplitMix64(state: seed)
        self.start = start
    }

    /// The appends that set the organizations up: people, servers, schedules, credentials.
    public mutating func setUp(organizations count: Int, usersEach: Int, serversEach: Int) -> [Append] {
        var appends: [Append] = []
        for index in 0..<count {
            let organization = id("org")
            appends.append(Append(stream: "organization-\(index + 1)", events: [
                OrganizationCreated(organizationID: organization, number: Int64(index + 1), name: "Organization \(index + 1)"),
            ]))
            let users = (0..<usersEach).map { _ in id("orguser") }
            for (offset, user) in users.enumerated() {
                let number = Int64(index * usersEach + offset + 1)
                appends.append(Append(stream: "user-\(number)", events: [
                    UserCreated(
                        userID: user, number: number, organizationID: organization, name: "Person \(number)",
                        email: "person\(number)@example.com", phone: "+6421\(1_000_000 + number)", timeZone: "Pacific/Auckland"),
                    CredentialIssued(
                        credentialID: id("cred"), kind: .userAPIKey, ownerID: user, organizationID: organization, name: "cli",
                        secretHash: "user-key-\(number)"),
                ]))
            }
            let servers = (0..<serversEach).map { _ in id("server") }
            for (offset, server) in servers.enumerated() {
                let number = Int64(index * serversEach + offset + 1)
                appends.append(Append(stream: "server-\(number)", events: [
                    ServerCreated(
                        serverID: server, number: number, organizationID: organization, name: "server \(number)",
                        hostname: "host-\(number).example.net", heartbeatGraceSeconds: 300),
                ]))
            }
            let schedule = id("sched")
            appends.append(Append(stream: "webhooks-\(index + 1)", events: [
                WebhookCreated(
                    webhookID: id("hook"), organizationID: organization, url: "https://hooks.example.com/\(index + 1)",
                    eventTypes: ["notification.acknowledged"], secretHash: "hook-secret-\(index + 1)"),
            ]))
            appends.append(Append(stream: "schedule-\(index + 1)", events: [
                ScheduleDefined(scheduleID: schedule, organizationID: organization, definition: ScheduleDefinition(
                    name: "Primary", members: Array(users.prefix(6)), firstHandoff: start, shiftDays: 7, shiftHours: nil,
                    timeZone: "Pacific/Auckland", escalationTimeoutSeconds: 300)),
            ]))
            organizations.append(Organization(id: organization, users: users, servers: servers, schedule: schedule))
        }
        return appends
    }

    /// The next piece of traffic: a heartbeat most of the time, otherwise a notification's lifecycle, a
    /// missed heartbeat or an availability record.
    public mutating func next() -> Append {
        elapsed += Int64(random.next(below: 2_000_000))
        guard let organization = organizations.isEmpty ? nil : organizations[random.next(below: organizations.count)] else {
            return Append(stream: "empty", events: [])
        }
        let server = organization.servers[random.next(below: organization.servers.count)]
        let roll = random.next(below: 100)
        if roll < 80 {
            return Append(stream: "heartbeats-\(server)", events: [HeartbeatReceived(serverID: server, organizationID: organization.id)])
        }
        if roll < 82 {
            return Append(stream: "heartbeats-\(server)", events: [
                HeartbeatMissed(serverID: server, organizationID: organization.id, lastHeartbeatAt: now, deadline: now),
            ])
        }
        if roll < 85 {
            let user = organization.users[random.next(below: organization.users.count)]
            return Append(stream: "availability-\(sequenceNumber())", events: [
                AvailabilityCreated(
                    availabilityID: id("avail"), organizationID: organization.id, userID: user,
                    kind: AvailabilityKind.allCases[random.next(below: 3)], name: "Record created from CSV import",
                    start: now, end: Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch + 86_400_000_000)),
            ])
        }
        return notification(in: organization, from: server)
    }

    /// A notification and everything that happens to it.
    private mutating func notification(in organization: Organization, from server: TypeID) -> Append {
        notificationNumber += 1
        let notification = id("notif")
        let org = organization.id
        let escalation = (0..<3).map { _ in organization.users[random.next(below: organization.users.count)] }
        // A quarter of the notifications are people's pages, made through an asynchronous request.
        let isPage = random.next(below: 4) == 0
        var events: [any DomainEvent] = isPage
            ? [RequestAccepted(requestID: id("req"), organizationID: org, userID: escalation[0], notificationID: notification)]
            : []
        events += [
            NotificationCreated(
                notificationID: notification, number: notificationNumber, organizationID: org, serverID: isPage ? nil : server,
                kind: isPage ? "page" : "service", troubleCode: "BAD0\(random.next(below: 10))", hostname: "host.example.net",
                displayName: "Host", serviceName: "Postgres", state: "CRITICAL", output: "connection refused", observedAt: now),
            NotificationRouted(
                notificationID: notification, organizationID: org, scheduleID: isPage ? nil : organization.schedule,
                escalation: escalation,
                reason: "rotation position \(random.next(below: 6))", skipped: random.next(below: 4) == 0 ? ["someone: hard_unavailable"] : []),
        ]
        for (attempt, user) in escalation.enumerated() {
            let page = id("page")
            let message = 1_000_000 + sequenceNumber()
            if attempt > 0 {
                events.append(NotificationEscalated(
                    notificationID: notification, organizationID: org, fromUserID: escalation[attempt - 1], toUserID: user,
                    reason: "no acknowledgement within 300 seconds"))
            }
            events.append(PageQueued(pageID: page, notificationID: notification, organizationID: org, userID: user, phone: "+64211234567", message: "CRITICAL host"))
            events.append(PageSent(pageID: page, notificationID: notification, organizationID: org, providerMessageID: message))
            let delivered = random.next(below: 10) > 0
            for status in delivered ? [DeliveryReported.Status.submitted, .received] : [.submitted, .rejected] {
                events.append(DeliveryReported(providerMessageID: message, status: status, pageID: page, notificationID: notification, organizationID: org))
            }
            if delivered, random.next(below: 3) > 0 {
                events.append(NotificationAcknowledged(notificationID: notification, organizationID: org, userID: user, via: "sms"))
                break
            }
        }
        if random.next(below: 2) == 0 {
            events.append(NotificationResolved(notificationID: notification, organizationID: org, userID: nil))
        }
        return Append(stream: "notification-\(notificationNumber)", events: events)
    }

    private var now: Timestamp {
        Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + elapsed)
    }

    private mutating func sequenceNumber() -> Int64 {
        sequence += 1
        return sequence
    }

    /// A new id, from the seeded generator, so that histories repeat exactly.
    private mutating func id(_ prefix: String) -> TypeID {
        let uuid = UUID.timeOrdered(at: now, randomBits: (random.next(), random.next()))
        guard let id = TypeID(prefix: prefix, uuid: uuid) else {
            // The prefixes are this file's own literals; no input reaches here.
            preconditionFailure("'\(prefix)' is not a TypeID prefix")
        }
        return id
    }
}

/// SplitMix64: small, fast and seedable, so that a generated case can be replayed from its seed.
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D4_9BB1_3311_EB8B
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }
}

extension SyntheticHistory.Append {
    /// The append's events as log events.
    public func proposed(_ catalog: EventCatalog) throws -> [ProposedEvent] {
        try events.map { try catalog.proposed($0, EventMetadata(organization: nil, actor: "fixture")) }
    }
}
