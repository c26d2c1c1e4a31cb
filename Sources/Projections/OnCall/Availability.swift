public import EventStore

/// How a person stands towards being on call for a while (Hotpot's `availability_type`).
public enum AvailabilityKind: String, Sendable, Codable, CaseIterable {
    /// Cannot be on call: never chosen.
    case hardUnavailable = "hard_unavailable"
    /// Would rather not: chosen only when nobody else can be.
    case softUnavailable = "soft_unavailable"
    /// Asks to take the pager: chosen ahead of the rotation.
    case requestedPager = "requested_pager"
}

/// One availability record: a person, a kind, and the half-open time range `[start, end)` it covers.
public struct AvailabilityWindow: Sendable, Equatable {
    public let userID: String
    public let kind: AvailabilityKind
    public let start: Timestamp
    public let end: Timestamp

    public init(userID: String, kind: AvailabilityKind, start: Timestamp, end: Timestamp) {
        self.userID = userID
        self.kind = kind
        self.start = start
        self.end = end
    }

    public func covers(_ instant: Timestamp) -> Bool {
        start <= instant && instant < end
    }
}

/// A schedule override: `userID` is on call for `[start, end)` whatever the rotation says.
public struct ScheduleOverride: Sendable, Equatable {
    public let userID: String
    public let start: Timestamp
    public let end: Timestamp

    public init(userID: String, start: Timestamp, end: Timestamp) {
        self.userID = userID
        self.start = start
        self.end = end
    }

    public func covers(_ instant: Timestamp) -> Bool {
        start <= instant && instant < end
    }
}
