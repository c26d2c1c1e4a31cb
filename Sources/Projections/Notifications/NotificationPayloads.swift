import EventStore

// The notification and page events a rebuild meets most, read straight from their parsed payloads' keyed
// containers (`ParsedPayload`); each member is named by the type's own `CodingKeys`.

extension NotificationCreated: ParsedPayload {
    init(_ members: ParsedJSONKeyedContainer<CodingKeys>) throws {
        self.init(
            notificationID: try members.decode(TypeID.self, forKey: .notificationID),
            number: try members.decode(Int64.self, forKey: .number),
            organizationID: try members.decode(TypeID.self, forKey: .organizationID),
            serverID: try members.decodeIfPresent(TypeID.self, forKey: .serverID),
            kind: try members.decode(String.self, forKey: .kind),
            troubleCode: try members.decode(String.self, forKey: .troubleCode),
            hostname: try members.decode(String.self, forKey: .hostname),
            displayName: try members.decode(String.self, forKey: .displayName),
            serviceName: try members.decode(String.self, forKey: .serviceName),
            state: try members.decode(String.self, forKey: .state),
            output: try members.decode(String.self, forKey: .output),
            observedAt: try members.decodeIfPresent(Timestamp.self, forKey: .observedAt))
    }
}

extension NotificationRouted: ParsedPayload {
    init(_ members: ParsedJSONKeyedContainer<CodingKeys>) throws {
        self.init(
            notificationID: try members.decode(TypeID.self, forKey: .notificationID),
            organizationID: try members.decode(TypeID.self, forKey: .organizationID),
            scheduleID: try members.decodeIfPresent(TypeID.self, forKey: .scheduleID),
            escalation: try members.decode([TypeID].self, forKey: .escalation),
            reason: try members.decode(String.self, forKey: .reason),
            skipped: try members.decode([String].self, forKey: .skipped))
    }
}

extension PageQueued: ParsedPayload {
    init(_ members: ParsedJSONKeyedContainer<CodingKeys>) throws {
        self.init(
            pageID: try members.decode(TypeID.self, forKey: .pageID),
            notificationID: try members.decode(TypeID.self, forKey: .notificationID),
            organizationID: try members.decode(TypeID.self, forKey: .organizationID),
            userID: try members.decode(TypeID.self, forKey: .userID),
            phone: try members.decode(String.self, forKey: .phone),
            message: try members.decode(String.self, forKey: .message))
    }
}

extension PageSent: ParsedPayload {
    init(_ members: ParsedJSONKeyedContainer<CodingKeys>) throws {
        self.init(
            pageID: try members.decode(TypeID.self, forKey: .pageID),
            notificationID: try members.decode(TypeID.self, forKey: .notificationID),
            organizationID: try members.decode(TypeID.self, forKey: .organizationID),
            providerMessageID: try members.decode(Int64.self, forKey: .providerMessageID))
    }
}

extension DeliveryReported: ParsedPayload {
    init(_ members: ParsedJSONKeyedContainer<CodingKeys>) throws {
        self.init(
            providerMessageID: try members.decode(Int64.self, forKey: .providerMessageID),
            status: try members.decode(Status.self, forKey: .status),
            pageID: try members.decodeIfPresent(TypeID.self, forKey: .pageID),
            notificationID: try members.decodeIfPresent(TypeID.self, forKey: .notificationID),
            organizationID: try members.decodeIfPresent(TypeID.self, forKey: .organizationID))
    }
}

extension NotificationEscalated: ParsedPayload {
    init(_ members: ParsedJSONKeyedContainer<CodingKeys>) throws {
        self.init(
            notificationID: try members.decode(TypeID.self, forKey: .notificationID),
            organizationID: try members.decode(TypeID.self, forKey: .organizationID),
            fromUserID: try members.decodeIfPresent(TypeID.self, forKey: .fromUserID),
            toUserID: try members.decode(TypeID.self, forKey: .toUserID),
            reason: try members.decode(String.self, forKey: .reason))
    }
}

extension NotificationAcknowledged: ParsedPayload {
    init(_ members: ParsedJSONKeyedContainer<CodingKeys>) throws {
        self.init(
            notificationID: try members.decode(TypeID.self, forKey: .notificationID),
            organizationID: try members.decode(TypeID.self, forKey: .organizationID),
            userID: try members.decodeIfPresent(TypeID.self, forKey: .userID),
            via: try members.decode(String.self, forKey: .via))
    }
}

extension NotificationResolved: ParsedPayload {
    init(_ members: ParsedJSONKeyedContainer<CodingKeys>) throws {
        self.init(
            notificationID: try members.decode(TypeID.self, forKey: .notificationID),
            organizationID: try members.decode(TypeID.self, forKey: .organizationID),
            userID: try members.decodeIfPresent(TypeID.self, forKey: .userID))
    }
}
