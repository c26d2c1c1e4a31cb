import EventStore

// Availability records field by field (`FieldRecord`): a CSV upload writes hundreds at once. Keys and
// order are those of the types' `CodingKeys`.

extension AvailabilityRecord: FieldRecord {
    func write(to record: inout RecordFieldWriter) {
        record.field("availability", availability)
        record.field("created_at", createdAt)
    }

    init(from record: inout RecordFields) throws {
        availability = try record.value("availability")
        createdAt = try record.value("created_at")
    }
}

extension AvailabilityCreated: FieldRecord {
    func write(to record: inout RecordFieldWriter) {
        record.field("availability_id", availabilityID)
        record.field("organization_id", organizationID)
        record.field("user_id", userID)
        record.field("availability_type", kind)
        record.field("name", name)
        record.field("time_range_start", start)
        record.field("time_range_end", end)
    }

    init(from record: inout RecordFields) throws {
        availabilityID = try record.value("availability_id")
        organizationID = try record.value("organization_id")
        userID = try record.value("user_id")
        kind = try record.value("availability_type")
        name = try record.value("name")
        start = try record.value("time_range_start")
        end = try record.value("time_range_end")
    }
}

extension AvailabilityKind: RecordField {}
