public import EventStore

extension ScheduleQueries {
    /// Who is on call for `schedule` at `instant`, and why: the policy applied to the schedule's rotation,
    /// its overrides and what its members (and override holders) said about their availability.
    /// `nil` when the organization has no such schedule.
    public func onCall(
        _ schedule: TypeID, in organization: TypeID, at instant: Timestamp, availability: AvailabilityQueries
    ) throws -> OnCallDecision? {
        guard let record = try self.schedule(schedule, in: organization) else { return nil }
        guard let rotation = record.rotation else {
            throw ProjectionError.unknownTimeZone(record.definition.timeZone)
        }
        let people = Set(record.definition.members + record.overrides.map(\.userID))
        let windows = try availability.windows(of: people.sorted { $0.description < $1.description }, in: organization, at: instant)
        return OnCallPolicy.decide(rotation, overrides: record.scheduleOverrides, availability: windows, at: instant)
    }
}
