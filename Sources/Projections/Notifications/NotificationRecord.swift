public import EventStore

/// A notification as the status read model keeps it: what happened, who it is with, and every attempt.
public struct NotificationRecord: Codable, Sendable, Equatable {
    /// Where the notification stands in its paging lifecycle; Hot Potato and the platform API show it as is.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case new, routed, paged, delivered, acknowledged, escalated, resolved, failed

        /// Acknowledged or resolved: pages and delivery receipts no longer change the status.
        var isSettled: Bool { self == .acknowledged || self == .resolved }
    }

    /// A status Modica reported, and when it was recorded.
    public struct Delivery: Codable, Sendable, Equatable {
        public let status: DeliveryReported.Status
        public let at: Timestamp
    }

    /// One SMS to one person.
    public struct Attempt: Codable, Sendable, Equatable {
        public let pageID: TypeID
        public let userID: TypeID
        public let queuedAt: Timestamp
        public var sentAt: Timestamp?
        public var providerMessageID: Int64?
        public var deliveries: [Delivery] = []
        public var failure: String?

        enum CodingKeys: String, CodingKey {
            case pageID = "page_id"
            case userID = "user_id"
            case queuedAt = "queued_at"
            case sentAt = "sent_at"
            case providerMessageID = "provider_message_id"
            case deliveries
            case failure
        }
    }

    public let notification: NotificationCreated
    public let createdAt: Timestamp
    public var status: Status = .new
    /// Whom the notification is with now.
    public var assignedUserID: TypeID?
    public var escalation: [TypeID] = []
    public var routingReason: String?
    /// Who the on-call policy passed over, and why.
    public var skipped: [String] = []
    public var attempts: [Attempt] = []
    public var acknowledgedBy: TypeID?
    public var acknowledgedAt: Timestamp?
    public var resolvedAt: Timestamp?
    public var updatedAt: Timestamp

    init(notification: NotificationCreated, createdAt: Timestamp) {
        self.notification = notification
        self.createdAt = createdAt
        updatedAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case notification
        case createdAt = "created_at"
        case status
        case assignedUserID = "assigned_user_id"
        case escalation
        case routingReason = "routing_reason"
        case skipped
        case attempts
        case acknowledgedBy = "acknowledged_by"
        case acknowledgedAt = "acknowledged_at"
        case resolvedAt = "resolved_at"
        case updatedAt = "updated_at"
    }

    /// Moves to `status` unless the notification is settled (or already resolved).
    mutating func advance(to status: Status) {
        guard !self.status.isSettled else { return }
        self.status = status
    }

    /// Changes the attempt of `page`, if there is one.
    mutating func updateAttempt(_ page: TypeID, _ change: (inout Attempt) -> Void) {
        guard let index = attempts.firstIndex(where: { $0.pageID == page }) else { return }
        change(&attempts[index])
    }

    /// Whether `page` is the latest attempt: only its outcome speaks for the notification's status.
    func isLatest(_ page: TypeID) -> Bool {
        attempts.last?.pageID == page
    }
}
