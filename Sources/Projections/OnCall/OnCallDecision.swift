/// Who is on call at an instant, and why: the answer of `GET /api/oncall` and the page's first target.
public struct OnCallDecision: Sendable, Equatable {
    /// Why the first person of the escalation is on call, as the timeline and the replay explain it.
    public enum Reason: Sendable, Equatable {
        /// An override covers the instant.
        case override
        /// A member asked to take the pager.
        case requestedPager
        /// Their turn in the rotation, at this position (or the next available after it).
        case rotation(position: Int)
        /// Everyone able to be on call would rather not; this one is first among them in rotation order.
        case reluctantRotation(position: Int)
        /// Nobody can be on call.
        case nobodyAvailable
    }

    /// Somebody passed over, and why.
    public struct Skip: Sendable, Equatable {
        public let userID: String
        public let reason: AvailabilityKind

        public init(userID: String, reason: AvailabilityKind) {
            self.userID = userID
            self.reason = reason
        }
    }

    /// The person to page first; `nil` when nobody can be on call.
    public var onCall: String? { escalation.first }
    public let reason: Reason
    /// The shift running at the instant.
    public let shift: Int
    /// Everyone who may be paged, in order: escalation goes down this list. Nobody `hard_unavailable`.
    public let escalation: [String]
    /// Members passed over for unavailability, in rotation order.
    public let skipped: [Skip]
}
