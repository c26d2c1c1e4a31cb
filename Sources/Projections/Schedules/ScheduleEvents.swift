public import EventStore

/// A schedule's rotation as its events carry it.
public struct ScheduleDefinition: Codable, Sendable, Equatable {
    public let name: String
    /// User ids in rotation order.
    public let members: [TypeID]
    public let firstHandoff: Timestamp
    /// Exactly one of `shiftDays` and `shiftHours` is set.
    public let shiftDays: Int?
    public let shiftHours: Int?
    /// An IANA time-zone name.
    public let timeZone: String
    /// How long a page may go unacknowledged before the next person is paged.
    public let escalationTimeoutSeconds: Int64

    public init(
        name: String, members: [TypeID], firstHandoff: Timestamp, shiftDays: Int?, shiftHours: Int?, timeZone: String,
        escalationTimeoutSeconds: Int64
    ) {
        self.name = name
        self.members = members
        self.firstHandoff = firstHandoff
        self.shiftDays = shiftDays
        self.shiftHours = shiftHours
        self.timeZone = timeZone
        self.escalationTimeoutSeconds = escalationTimeoutSeconds
    }

    enum CodingKeys: String, CodingKey {
        case name
        case members
        case firstHandoff = "first_handoff"
        case shiftDays = "shift_days"
        case shiftHours = "shift_hours"
        case timeZone = "time_zone"
        case escalationTimeoutSeconds = "escalation_timeout_seconds"
    }
}

/// A schedule's definition was set: created, when it is the first event of the schedule's stream, or
/// replaced whole (overrides stay).
public struct ScheduleDefined: DomainEvent {
    public static let eventType = "schedule.defined"
    public static let schemaVersion: UInt32 = 1
    public let scheduleID: TypeID
    public let organizationID: TypeID
    public let definition: ScheduleDefinition

    public init(scheduleID: TypeID, organizationID: TypeID, definition: ScheduleDefinition) {
        self.scheduleID = scheduleID
        self.organizationID = organizationID
        self.definition = definition
    }

    enum CodingKeys: String, CodingKey {
        case scheduleID = "schedule_id"
        case organizationID = "organization_id"
        case definition
    }
}

/// Someone takes a schedule's pager for `[start, end)`, whatever the rotation says.
public struct OverrideAdded: DomainEvent {
    public static let eventType = "schedule.override-added"
    public static let schemaVersion: UInt32 = 1
    public let overrideID: TypeID
    public let scheduleID: TypeID
    public let organizationID: TypeID
    public let userID: TypeID
    public let start: Timestamp
    public let end: Timestamp

    public init(overrideID: TypeID, scheduleID: TypeID, organizationID: TypeID, userID: TypeID, start: Timestamp, end: Timestamp) {
        self.overrideID = overrideID
        self.scheduleID = scheduleID
        self.organizationID = organizationID
        self.userID = userID
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey {
        case overrideID = "override_id"
        case scheduleID = "schedule_id"
        case organizationID = "organization_id"
        case userID = "user_id"
        case start
        case end
    }
}

/// An override was withdrawn before or during its time: the rotation (or another override) decides again.
public struct OverrideRemoved: DomainEvent {
    public static let eventType = "schedule.override-removed"
    public static let schemaVersion: UInt32 = 1
    public let overrideID: TypeID
    public let scheduleID: TypeID
    public let organizationID: TypeID

    public init(overrideID: TypeID, scheduleID: TypeID, organizationID: TypeID) {
        self.overrideID = overrideID
        self.scheduleID = scheduleID
        self.organizationID = organizationID
    }

    enum CodingKeys: String, CodingKey {
        case overrideID = "override_id"
        case scheduleID = "schedule_id"
        case organizationID = "organization_id"
    }
}
