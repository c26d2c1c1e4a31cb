// The notification and page events a rebuild meets most, read from their parsed payloads without Codable
// (`ParsedPayload`); each member is named by the type's own `CodingKeys`.

extension NotificationCreated: ParsedPayload {
    init(_ members: ParsedMembers<CodingKeys>) throws(ParsedMembers<CodingKeys>.Refusal) {
        self.init(
            notificationID: try members.typeID(.notificationID), number: try members.int64(.number),
            organizationID: try members.typeID(.organizationID), serverID: try members.optionalTypeID(.serverID),
            kind: try members.string(.kind), troubleCode: try members.string(.troubleCode), hostname: try members.string(.hostname),
            displayName: try members.string(.displayName), serviceName: try members.string(.serviceName),
            state: try members.string(.state), output: try members.string(.output),
            observedAt: try members.optionalTimestamp(.observedAt))
    }
}

extension NotificationRouted: ParsedPayload {
    init(_ members: ParsedMembers<CodingKeys>) throws(ParsedMembers<CodingKeys>.Refusal) {
        self.init(
            notificationID: try members.typeID(.notificationID), organizationID: try members.typeID(.organizationID),
            scheduleID: try members.optionalTypeID(.scheduleID), escalation: try members.typeIDs(.escalation),
            reason: try members.string(.reason), skipped: try members.strings(.skipped))
    }
}

extension PageQueued: ParsedPayload {
    init(_ members: ParsedMembers<CodingKeys>) throws(ParsedMembers<CodingKeys>.Refusal) {
        self.init(
            pageID: try members.typeID(.pageID), notificationID: try members.typeID(.notificationID),
            organizationID: try members.typeID(.organizationID), userID: try members.typeID(.userID),
            phone: try members.string(.phone), message: try members.string(.message))
    }
}

extension PageSent: ParsedPayload {
    init(_ members: ParsedMembers<CodingKeys>) throws(ParsedMembers<CodingKeys>.Refusal) {
        self.init(
            pageID: try members.typeID(.pageID), notificationID: try members.typeID(.notificationID),
            organizationID: try members.typeID(.organizationID), providerMessageID: try members.int64(.providerMessageID))
    }
}

extension DeliveryReported: ParsedPayload {
    init(_ members: ParsedMembers<CodingKeys>) throws(ParsedMembers<CodingKeys>.Refusal) {
        self.init(
            providerMessageID: try members.int64(.providerMessageID), status: try members.value(.status, as: Status.self),
            pageID: try members.optionalTypeID(.pageID), notificationID: try members.optionalTypeID(.notificationID),
            organizationID: try members.optionalTypeID(.organizationID))
    }
}

extension NotificationEscalated: ParsedPayload {
    init(_ members: ParsedMembers<CodingKeys>) throws(ParsedMembers<CodingKeys>.Refusal) {
        self.init(
            notificationID: try members.typeID(.notificationID), organizationID: try members.typeID(.organizationID),
            fromUserID: try members.optionalTypeID(.fromUserID), toUserID: try members.typeID(.toUserID),
            reason: try members.string(.reason))
    }
}

extension NotificationAcknowledged: ParsedPayload {
    init(_ members: ParsedMembers<CodingKeys>) throws(ParsedMembers<CodingKeys>.Refusal) {
        self.init(
            notificationID: try members.typeID(.notificationID), organizationID: try members.typeID(.organizationID),
            userID: try members.optionalTypeID(.userID), via: try members.string(.via))
    }
}

extension NotificationResolved: ParsedPayload {
    init(_ members: ParsedMembers<CodingKeys>) throws(ParsedMembers<CodingKeys>.Refusal) {
        self.init(
            notificationID: try members.typeID(.notificationID), organizationID: try members.typeID(.organizationID),
            userID: try members.optionalTypeID(.userID))
    }
}
