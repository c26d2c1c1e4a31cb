public import EventStore
public import Foundation

/// A schedule's rotation: its members take turns in order, one shift each, handing over at the same local
/// time of day in the schedule's time zone (so a 09:00 hand-off stays at 09:00 across daylight saving).
public struct Rotation: Sendable, Equatable {
    /// How long a shift lasts.
    public enum ShiftLength: Sendable, Equatable {
        /// Whole local days (at least 1): hand-offs keep their wall-clock time.
        case days(Int)
        /// Fixed hours (at least 1): hand-offs are this far apart, whatever the wall clock says.
        case hours(Int)
    }

    /// User ids, in rotation order.
    public let members: [String]
    /// When the first shift (of `members[0]`) begins; later hand-offs keep its local time of day.
    public let firstHandoff: Timestamp
    public let shiftLength: ShiftLength
    public let timeZone: TimeZone

    public init(members: [String], firstHandoff: Timestamp, shiftLength: ShiftLength, timeZone: TimeZone) {
        self.members = members
        self.firstHandoff = firstHandoff
        self.shiftLength = shiftLength
        self.timeZone = timeZone
    }

    /// The number of the shift running at `instant`: 0 from `firstHandoff`, negative before it.
    public func shift(at instant: Timestamp) -> Int {
        var shift = estimate(at: instant)
        while handoff(shift) > instant { shift -= 1 }
        while handoff(shift + 1) <= instant { shift += 1 }
        return shift
    }

    /// When shift `number` begins.
    public func handoff(_ number: Int) -> Timestamp {
        switch shiftLength {
        case .hours(let hours):
            let step = Int64(max(hours, 1)) * 3_600_000_000
            return Timestamp(microsecondsSinceEpoch: firstHandoff.microsecondsSinceEpoch + Int64(number) * step)
        case .days(let days):
            let moved = calendar.date(byAdding: .day, value: number * max(days, 1), to: firstHandoff.date)
            return moved.map(Timestamp.init) ?? firstHandoff
        }
    }

    /// The index into `members` of whoever's turn shift `number` is.
    public func memberIndex(ofShift number: Int) -> Int {
        let count = members.count
        return count == 0 ? 0 : ((number % count) + count) % count
    }

    /// A first guess of the shift at `instant`, which `shift(at:)` corrects by at most a step or two.
    private func estimate(at instant: Timestamp) -> Int {
        switch shiftLength {
        case .hours(let hours):
            let elapsed = instant.microsecondsSinceEpoch - firstHandoff.microsecondsSinceEpoch
            return Int(elapsed / (Int64(max(hours, 1)) * 3_600_000_000))
        case .days(let days):
            let elapsed = calendar.dateComponents([.day], from: firstHandoff.date, to: instant.date).day ?? 0
            return elapsed / max(days, 1)
        }
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
