import EventStore
import Projections

/// The platform API's writes to schedules: a rotation defined or replaced whole, overrides added and
/// removed. Members and override holders must be users of the schedule's organization.
extension Gateway {
    func defineSchedule(
        _ definition: ScheduleDefinition, id: TypeID?, in organization: TypeID, by caller: AdminCaller
    ) async throws -> ScheduleRecord {
        try checkUsers(definition.members, field: "members", in: organization)
        let scheduleID = try id ?? newID("schedule")
        try await append(
            [ScheduleDefined(scheduleID: scheduleID, organizationID: organization, definition: definition)],
            to: "schedule-\(scheduleID)", expectedVersion: id == nil ? .noStream : .any,
            EventMetadata(organization: organization.description, actor: caller.actor))
        return try schedule(scheduleID, in: organization)
    }

    func addOverride(
        _ override: NewOverride, to schedule: ScheduleRecord, by caller: AdminCaller
    ) async throws -> (ScheduleRecord, TypeID) {
        try checkUsers([override.userID], field: "user_id", in: schedule.organizationID)
        let overrideID = try newID("override")
        try await append(
            [OverrideAdded(
                overrideID: overrideID, scheduleID: schedule.scheduleID, organizationID: schedule.organizationID,
                userID: override.userID, start: override.start, end: override.end)],
            to: "schedule-\(schedule.scheduleID)", EventMetadata(organization: schedule.organizationID.description, actor: caller.actor))
        return (try self.schedule(schedule.scheduleID, in: schedule.organizationID), overrideID)
    }

    /// Removes an override: once, however many requests remove it together; the others find it gone.
    func removeOverride(_ overrideID: TypeID, from schedule: ScheduleRecord, by caller: AdminCaller) async throws {
        try await append(
            deciding: { readers in
                let current = try ScheduleQueries(readers[0]).schedule(schedule.scheduleID, in: schedule.organizationID)
                guard let current, current.overrides.contains(where: { $0.overrideID == overrideID }) else {
                    throw GatewayError.notFound("override")
                }
                return Decision(
                    events: [OverrideRemoved(overrideID: overrideID, scheduleID: schedule.scheduleID, organizationID: schedule.organizationID)],
                    dependsOnState: true)
            },
            reading: ["schedules"], to: "schedule-\(schedule.scheduleID)",
            EventMetadata(organization: schedule.organizationID.description, actor: caller.actor))
    }

    /// The schedule `id`, if the caller may see it (`organization` `nil`: an installation-wide caller).
    func schedule(_ id: TypeID, in organization: TypeID?) throws -> ScheduleRecord {
        guard let record = try read(["schedules"], { try ScheduleQueries($0[0]).schedule(id, in: organization) }) else {
            throw GatewayError.notFound("schedule")
        }
        return record
    }

    private func checkUsers(_ users: [TypeID], field: String, in organization: TypeID) throws {
        let unknown = try directory { directory in try users.filter { try directory.user($0, in: organization) == nil } }
        guard unknown.isEmpty else {
            throw GatewayError.invalid(field, "names people who are not users of this organization: \(unknown.map(\.description).joined(separator: ", "))", in: "schedule")
        }
    }
}
