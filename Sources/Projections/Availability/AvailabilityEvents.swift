public import EventStore

/// A person's availability record was created (through `POST /api/availabilities` or a CSV upload).
public struct AvailabilityCreated: DomainEvent {
    public static let eventType = "availability.created"
    public static let schemaVersion: UInt32 = 1
    public let availabilityID: TypeID
    public let organizationID: TypeID
    public let userID: TypeID
    public let kind: AvailabilityKind
    public let name: String
    public let start: Timestamp
    public let end: Timestamp

    public init(
        availabilityID: TypeID, organizationID: TypeID, userID: TypeID, kind: AvailabilityKind, name: String,
        start: Timestamp, end: Timestamp
    ) {
        self.availabilityID = availabilityID
        self.organizationID = organizationID
        self.userID = userID
        self.kind = kind
        self.name = name
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey {
        case availabilityID = "availability_id"
        case organizationID = "organization_id"
        case userID = "user_id"
        case kind = "availability_type"
        case name
        case start = "time_range_start"
        case end = "time_range_end"
    }
}

/// An availability record was deleted.
public struct AvailabilityDeleted: DomainEvent {
    public static let eventType = "availability.deleted"
    public static let schemaVersion: UInt32 = 1
    public let availabilityID: TypeID
    public let organizationID: TypeID

    public init(availabilityID: TypeID, organizationID: TypeID) {
        self.availabilityID = availabilityID
        self.organizationID = organizationID
    }

    enum CodingKeys: String, CodingKey {
        case availabilityID = "availability_id"
        case organizationID = "organization_id"
    }
}

/// An availability record as the read model keeps it: the created event and when it was recorded.
public struct AvailabilityRecord: Codable, Sendable, Equatable {
    public let availability: AvailabilityCreated
    public let createdAt: Timestamp

    public var window: AvailabilityWindow {
        AvailabilityWindow(
            userID: availability.userID.description, kind: availability.kind, start: availability.start,
            end: availability.end)
    }

    enum CodingKeys: String, CodingKey {
        case availability
        case createdAt = "created_at"
    }
}
