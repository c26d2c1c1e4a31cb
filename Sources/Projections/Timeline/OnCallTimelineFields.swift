import EventStore

// An on-call timeline entry field by field (`FieldRecord`): every routed notification writes one.
// Keys and order are those of `OnCallEntry.CodingKeys`.

extension OnCallEntry: FieldRecord {
    func write(to record: inout RecordFieldWriter) {
        record.field("at", at)
        record.field("notification_id", notificationID)
        record.field("schedule_id", scheduleID)
        record.field("escalation", escalation)
        record.field("reason", reason)
        record.field("skipped", skipped)
    }

    init(from record: inout RecordFields) throws {
        at = try record.value("at")
        notificationID = try record.value("notification_id")
        scheduleID = try record.optional("schedule_id")
        escalation = try record.value("escalation")
        reason = try record.value("reason")
        skipped = try record.value("skipped")
    }
}
