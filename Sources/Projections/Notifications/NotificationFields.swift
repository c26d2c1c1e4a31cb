import EventStore

// The notification and Modica records field by field (`FieldRecord`): the folds rewrite them for nearly
// every paging event. Keys and order are those of the types' `CodingKeys`.

extension NotificationRecord: FieldRecord {
    func write(to record: inout RecordFieldWriter) {
        record.field("notification", notification)
        record.field("created_at", createdAt)
        record.field("status", status)
        record.field("assigned_user_id", assignedUserID)
        record.field("escalation", escalation)
        record.field("routing_reason", routingReason)
        record.field("skipped", skipped)
        record.field("attempts", attempts)
        record.field("acknowledged_by", acknowledgedBy)
        record.field("acknowledged_at", acknowledgedAt)
        record.field("resolved_at", resolvedAt)
        record.field("updated_at", updatedAt)
    }

    init(from record: inout RecordFields) throws {
        notification = try record.value("notification")
        createdAt = try record.value("created_at")
        status = try record.value("status")
        assignedUserID = try record.optional("assigned_user_id")
        escalation = try record.value("escalation")
        routingReason = try record.optional("routing_reason")
        skipped = try record.value("skipped")
        attempts = try record.value("attempts")
        acknowledgedBy = try record.optional("acknowledged_by")
        acknowledgedAt = try record.optional("acknowledged_at")
        resolvedAt = try record.optional("resolved_at")
        updatedAt = try record.value("updated_at")
    }
}

extension NotificationRecord.Status: RecordField {}

extension NotificationRecord.Attempt: FieldRecord {
    func write(to record: inout RecordFieldWriter) {
        record.field("page_id", pageID)
        record.field("user_id", userID)
        record.field("queued_at", queuedAt)
        record.field("sent_at", sentAt)
        record.field("provider_message_id", providerMessageID)
        record.field("deliveries", deliveries)
        record.field("failure", failure)
    }

    init(from record: inout RecordFields) throws {
        pageID = try record.value("page_id")
        userID = try record.value("user_id")
        queuedAt = try record.value("queued_at")
        sentAt = try record.optional("sent_at")
        providerMessageID = try record.optional("provider_message_id")
        deliveries = try record.value("deliveries")
        failure = try record.optional("failure")
    }
}

extension NotificationRecord.Delivery: FieldRecord {
    func write(to record: inout RecordFieldWriter) {
        record.field("status", status)
        record.field("at", at)
    }

    init(from record: inout RecordFields) throws {
        status = try record.value("status")
        at = try record.value("at")
    }
}

extension DeliveryReported.Status: RecordField {}

extension NotificationCreated: FieldRecord {
    func write(to record: inout RecordFieldWriter) {
        record.field("notification_id", notificationID)
        record.field("number", number)
        record.field("organization_id", organizationID)
        record.field("server_id", serverID)
        record.field("kind", kind)
        record.field("trouble_code", troubleCode)
        record.field("hostname", hostname)
        record.field("display_name", displayName)
        record.field("service_name", serviceName)
        record.field("state", state)
        record.field("output", output)
        record.field("observed_at", observedAt)
    }

    init(from record: inout RecordFields) throws {
        self.init(
            notificationID: try record.value("notification_id"), number: try record.value("number"),
            organizationID: try record.value("organization_id"), serverID: try record.optional("server_id"),
            kind: try record.value("kind"), troubleCode: try record.value("trouble_code"),
            hostname: try record.value("hostname"), displayName: try record.value("display_name"),
            serviceName: try record.value("service_name"), state: try record.value("state"),
            output: try record.value("output"), observedAt: try record.optional("observed_at"))
    }
}

extension ModicaMessage: FieldRecord {
    func write(to record: inout RecordFieldWriter) {
        record.field("provider_message_id", providerMessageID)
        record.field("page_id", pageID)
        record.field("notification_id", notificationID)
        record.field("organization_id", organizationID)
        record.field("statuses", statuses)
    }

    init(from record: inout RecordFields) throws {
        providerMessageID = try record.value("provider_message_id")
        pageID = try record.optional("page_id")
        notificationID = try record.optional("notification_id")
        organizationID = try record.optional("organization_id")
        statuses = try record.value("statuses")
    }
}
