/// An asynchronous request (Hotpot's `POST /api/pages`) was accepted: its `hotpot_request_id` and the
/// notification that carries it out.
public struct RequestAccepted: DomainEvent {
    public static let eventType = "request.accepted"
    public static let schemaVersion: UInt32 = 1
    public let requestID: TypeID
    public let organizationID: TypeID
    public let userID: TypeID
    public let notificationID: TypeID

    public init(requestID: TypeID, organizationID: TypeID, userID: TypeID, notificationID: TypeID) {
        self.requestID = requestID
        self.organizationID = organizationID
        self.userID = userID
        self.notificationID = notificationID
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case organizationID = "organization_id"
        case userID = "user_id"
        case notificationID = "notification_id"
    }
}

/// Where an asynchronous request stands, as `GET /request/<id>/status` reports it.
public struct RequestStatus: Sendable, Equatable {
    /// How far the request's page has got, in the words of the request-status endpoint.
    public enum State: String, Sendable {
        case queued, sent, delivered, failed
    }

    public let requestID: TypeID
    public let state: State
    /// Why it failed, when it did.
    public let error: String?
    public let notification: NotificationRecord

    /// A page's request follows its latest attempt: nothing sent yet is `queued` (or `failed` when nobody
    /// could be paged), then `sent`, then `delivered` once Modica reports it received, `failed` when the
    /// last attempt failed for good.
    init(requestID: TypeID, notification: NotificationRecord) {
        self.requestID = requestID
        self.notification = notification
        guard let attempt = notification.attempts.last else {
            let nobody = notification.routingReason != nil && notification.escalation.isEmpty
            state = nobody ? .failed : .queued
            error = nobody ? notification.routingReason : nil
            return
        }
        if attempt.deliveries.contains(where: { $0.status == .received }) {
            (state, error) = (.delivered, nil)
        } else if let failure = attempt.deliveries.last(where: { $0.status.isFinalFailure }) {
            (state, error) = (.failed, "delivery \(failure.status.rawValue)")
        } else if notification.status == .failed {
            (state, error) = (.failed, attempt.failure)
        } else {
            (state, error) = (attempt.sentAt == nil ? .queued : .sent, nil)
        }
    }
}
