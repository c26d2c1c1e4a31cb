public import EventStore

/// The pure on-call policy: from a rotation, its overrides and people's availability, who is on call at an
/// instant, and who comes after them if they do not answer.
///
/// In order of precedence, which is also the escalation order: an override (unless its person is
/// `hard_unavailable`); a member who requested the pager (the first such in rotation order from the current
/// position); the rotation from the current position, passing over `hard_unavailable` people always and
/// `soft_unavailable` ones while anybody else can take it. Nobody `hard_unavailable` is ever chosen or
/// escalated to.
public enum OnCallPolicy {
    public static func decide(
        _ rotation: Rotation, overrides: [ScheduleOverride], availability: [AvailabilityWindow], at instant: Timestamp
    ) -> OnCallDecision {
        let shift = rotation.shift(at: instant)
        let current = availability.filter { $0.covers(instant) }
        func has(_ user: String, _ kind: AvailabilityKind) -> Bool {
            current.contains { $0.userID == user && $0.kind == kind }
        }

        let start = rotation.memberIndex(ofShift: shift)
        let positions = rotation.members.indices.map { (start + $0) % rotation.members.count }
        var skipped: [OnCallDecision.Skip] = []
        var willing: [(position: Int, user: String)] = []
        var reluctant: [(position: Int, user: String)] = []
        for position in positions {
            let user = rotation.members[position]
            if has(user, .hardUnavailable) {
                skipped.append(.init(userID: user, reason: .hardUnavailable))
            } else if has(user, .softUnavailable) {
                skipped.append(.init(userID: user, reason: .softUnavailable))
                reluctant.append((position, user))
            } else {
                willing.append((position, user))
            }
        }
        let override = overrides.last { $0.covers(instant) && !has($0.userID, .hardUnavailable) }
        let requester = (willing + reluctant).first { has($0.user, .requestedPager) }
        let order = unique([override?.userID, requester?.user].compactMap { $0 } + (willing + reluctant).map(\.user))
        let reason: OnCallDecision.Reason
        if override != nil {
            reason = .override
        } else if requester != nil {
            reason = .requestedPager
        } else if let first = willing.first {
            reason = .rotation(position: first.position)
        } else if let first = reluctant.first {
            reason = .reluctantRotation(position: first.position)
        } else {
            reason = .nobodyAvailable
        }
        return OnCallDecision(reason: reason, shift: shift, escalation: order, skipped: skipped)
    }

    /// `users` without repeats, first occurrence kept (a member may appear twice in a rotation).
    private static func unique(_ users: [String]) -> [String] {
        var seen = Set<String>()
        return users.filter { seen.insert($0).inserted }
    }
}
