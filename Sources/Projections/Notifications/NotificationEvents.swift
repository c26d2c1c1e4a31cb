public import EventStore

/// A problem to page somebody about: from a monitoring server (Hot Potato), a person (`POST /api/pages`) or
/// the heartbeat worker. `number` is its Hot Potato id.
public struct NotificationCreated: DomainEvent {
    public static let eventType = "notification.created"
    public static let schemaVersion: UInt32 = 1
    public let notificationID: TypeID
    public let number: Int64
    public let organizationID: TypeID
    /// The monitoring server that raised it, if one did.
    public let serverID: TypeID?
    /// `host` or `service` (Hot Potato), `page` (a person's page), `heartbeat` (missed heartbeats).
    public let kind: String
    public let troubleCode: String
    public let hostname: String
    public let displayName: String
    public let serviceName: String
    public let state: String
    public let output: String
    /// When the monitoring server saw the problem (`icingadatetime`), if it said.
    public let observedAt: Timestamp?

    public init(
        notificationID: TypeID, number: Int64, organizationID: TypeID, serverID: TypeID?, kind: String,
        troubleCode: String, hostname: String, displayName: String, serviceName: String, state: String, output: String,
        observedAt: Timestamp?
    ) {
        self.notificationID = notificationID
        self.number = number
        self.organizationID = organizationID
        self.serverID = serverID
        self.kind = kind
        self.troubleCode = troubleCode
        self.hostname = hostname
        self.displayName = displayName
        self.serviceName = serviceName
        self.state = state
        self.output = output
        self.observedAt = observedAt
    }

    enum CodingKeys: String, CodingKey {
        case notificationID = "notification_id"
        case number
        case organizationID = "organization_id"
        case serverID = "server_id"
        case kind
        case troubleCode = "trouble_code"
        case hostname
        case displayName = "display_name"
        case serviceName = "service_name"
        case state
        case output
        case observedAt = "observed_at"
    }
}

/// The on-call policy's decision for a notification: whom to page first and whom after. An empty
/// `escalation` records that nobody could be on call; the notification is kept, not dropped.
public struct NotificationRouted: DomainEvent {
    public static let eventType = "notification.routed"
    public static let schemaVersion: UInt32 = 1
    public let notificationID: TypeID
    public let organizationID: TypeID
    public let scheduleID: TypeID?
    /// User ids, in paging order.
    public let escalation: [TypeID]
    /// Why the first is on call, in words (`rotation position 2`, `override`, `nobody available`).
    public let reason: String
    /// People passed over, with why (`hard_unavailable` …), in the policy's order.
    public let skipped: [String]

    public init(
        notificationID: TypeID, organizationID: TypeID, scheduleID: TypeID?, escalation: [TypeID], reason: String,
        skipped: [String]
    ) {
        self.notificationID = notificationID
        self.organizationID = organizationID
        self.scheduleID = scheduleID
        self.escalation = escalation
        self.reason = reason
        self.skipped = skipped
    }

    enum CodingKeys: String, CodingKey {
        case notificationID = "notification_id"
        case organizationID = "organization_id"
        case scheduleID = "schedule_id"
        case escalation
        case reason
        case skipped
    }
}

/// The pager asked for an SMS to a person (the outbox: durable before the sender calls the gateway).
public struct PageQueued: DomainEvent {
    public static let eventType = "page.queued"
    public static let schemaVersion: UInt32 = 1
    public let pageID: TypeID
    public let notificationID: TypeID
    public let organizationID: TypeID
    public let userID: TypeID
    public let phone: String
    public let message: String

    public init(pageID: TypeID, notificationID: TypeID, organizationID: TypeID, userID: TypeID, phone: String, message: String) {
        self.pageID = pageID
        self.notificationID = notificationID
        self.organizationID = organizationID
        self.userID = userID
        self.phone = phone
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case pageID = "page_id"
        case notificationID = "notification_id"
        case organizationID = "organization_id"
        case userID = "user_id"
        case phone
        case message
    }
}

/// The SMS gateway accepted a page as its message `providerMessageID`.
public struct PageSent: DomainEvent {
    public static let eventType = "page.sent"
    public static let schemaVersion: UInt32 = 1
    public let pageID: TypeID
    public let notificationID: TypeID
    public let organizationID: TypeID
    public let providerMessageID: Int64

    public init(pageID: TypeID, notificationID: TypeID, organizationID: TypeID, providerMessageID: Int64) {
        self.pageID = pageID
        self.notificationID = notificationID
        self.organizationID = organizationID
        self.providerMessageID = providerMessageID
    }

    enum CodingKeys: String, CodingKey {
        case pageID = "page_id"
        case notificationID = "notification_id"
        case organizationID = "organization_id"
        case providerMessageID = "provider_message_id"
    }
}

/// Sending a page failed; `final` when the sender gives up on it (the pager then escalates).
public struct PageFailed: DomainEvent {
    public static let eventType = "page.failed"
    public static let schemaVersion: UInt32 = 1
    public let pageID: TypeID
    public let notificationID: TypeID
    public let organizationID: TypeID
    public let reason: String
    public let final: Bool

    public init(pageID: TypeID, notificationID: TypeID, organizationID: TypeID, reason: String, final: Bool) {
        self.pageID = pageID
        self.notificationID = notificationID
        self.organizationID = organizationID
        self.reason = reason
        self.final = final
    }

    enum CodingKeys: String, CodingKey {
        case pageID = "page_id"
        case notificationID = "notification_id"
        case organizationID = "organization_id"
        case reason
        case final
    }
}

/// Modica's delivery status for one of its messages (`POST /api/v1/modica/dlr-status`).
public struct DeliveryReported: DomainEvent {
    public static let eventType = "page.delivery-reported"
    public static let schemaVersion: UInt32 = 1

    /// Modica's statuses, spelled as it sends them.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case submitted, sent, received, frozen, rejected, failed, dead, expired

        /// A status after which the message will never arrive.
        public var isFinalFailure: Bool {
            [.rejected, .failed, .dead, .expired].contains(self)
        }
    }

    public let providerMessageID: Int64
    public let status: Status
    /// The page it reports on, when the message is one of ours.
    public let pageID: TypeID?
    public let notificationID: TypeID?
    public let organizationID: TypeID?

    public init(providerMessageID: Int64, status: Status, pageID: TypeID?, notificationID: TypeID?, organizationID: TypeID?) {
        self.providerMessageID = providerMessageID
        self.status = status
        self.pageID = pageID
        self.notificationID = notificationID
        self.organizationID = organizationID
    }

    enum CodingKeys: String, CodingKey {
        case providerMessageID = "provider_message_id"
        case status
        case pageID = "page_id"
        case notificationID = "notification_id"
        case organizationID = "organization_id"
    }
}

/// Nobody acknowledged in time (or a page failed for good): the next person in the escalation is paged.
public struct NotificationEscalated: DomainEvent {
    public static let eventType = "notification.escalated"
    public static let schemaVersion: UInt32 = 1
    public let notificationID: TypeID
    public let organizationID: TypeID
    public let fromUserID: TypeID?
    public let toUserID: TypeID
    public let reason: String

    public init(notificationID: TypeID, organizationID: TypeID, fromUserID: TypeID?, toUserID: TypeID, reason: String) {
        self.notificationID = notificationID
        self.organizationID = organizationID
        self.fromUserID = fromUserID
        self.toUserID = toUserID
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case notificationID = "notification_id"
        case organizationID = "organization_id"
        case fromUserID = "from_user_id"
        case toUserID = "to_user_id"
        case reason
    }
}

/// Somebody took a notification on, by SMS reply or through the API.
public struct NotificationAcknowledged: DomainEvent {
    public static let eventType = "notification.acknowledged"
    public static let schemaVersion: UInt32 = 1
    public let notificationID: TypeID
    public let organizationID: TypeID
    public let userID: TypeID?
    /// `sms` or `api`.
    public let via: String

    public init(notificationID: TypeID, organizationID: TypeID, userID: TypeID?, via: String) {
        self.notificationID = notificationID
        self.organizationID = organizationID
        self.userID = userID
        self.via = via
    }

    enum CodingKeys: String, CodingKey {
        case notificationID = "notification_id"
        case organizationID = "organization_id"
        case userID = "user_id"
        case via
    }
}

/// The problem is over: no more pages or escalations for it.
public struct NotificationResolved: DomainEvent {
    public static let eventType = "notification.resolved"
    public static let schemaVersion: UInt32 = 1
    public let notificationID: TypeID
    public let organizationID: TypeID
    public let userID: TypeID?

    public init(notificationID: TypeID, organizationID: TypeID, userID: TypeID?) {
        self.notificationID = notificationID
        self.organizationID = organizationID
        self.userID = userID
    }

    enum CodingKeys: String, CodingKey {
        case notificationID = "notification_id"
        case organizationID = "organization_id"
        case userID = "user_id"
    }
}
