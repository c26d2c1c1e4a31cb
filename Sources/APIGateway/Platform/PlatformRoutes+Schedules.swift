import Hummingbird
import Projections

/// `/v1/schedules`: rotations and their overrides, which the on-call policy routes notifications by.
extension PlatformRoutes {
    func addSchedules(to v1: RouterGroup<GatewayContext>) {
        v1.get("schedules") { request, _ in
            let caller = try gateway.adminCaller(authorization: request)
            let (organization, page) = try scope(request, caller)
            let all = try gateway.read(["schedules"]) { try ScheduleQueries($0[0]).schedules(in: organization) }
            return try PlatformResponse.make(.ok, HALPage(
                "schedules", page.items(of: all).map(PlatformRepresentation.schedule), total: all.count,
                request: page, path: "/v1/schedules", query: "organization_id=\(organization)"))
        }
        v1.post("schedules") { request, _ in
            let caller = try gateway.adminCaller(authorization: request)
            let new = try await body.decode(NewSchedule.self, from: request, resource: "schedule")
            let definition = try new.definition()
            let organization = try caller.organization(named: new.organizationID, gateway)
            let record = try await gateway.defineSchedule(definition, id: nil, in: organization, by: caller)
            return try PlatformResponse.make(.created, PlatformRepresentation.schedule(record))
        }
        v1.get("schedules/:id") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            return try PlatformResponse.make(.ok, PlatformRepresentation.schedule(try schedule(context, caller)))
        }
        v1.put("schedules/:id") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            let existing = try schedule(context, caller)
            let definition = try await body.decode(NewSchedule.self, from: request, resource: "schedule").definition()
            let record = try await gateway.defineSchedule(definition, id: existing.scheduleID, in: existing.organizationID, by: caller)
            return try PlatformResponse.make(.ok, PlatformRepresentation.schedule(record))
        }
        v1.post("schedules/:id/overrides") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            let existing = try schedule(context, caller)
            let new = try await body.decode(NewOverride.self, from: request, resource: "override").validated()
            let (record, _) = try await gateway.addOverride(new, to: existing, by: caller)
            return try PlatformResponse.make(.created, PlatformRepresentation.schedule(record))
        }
        v1.delete("schedules/:id/overrides/:override") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            let existing = try schedule(context, caller)
            guard let overrideID = TypeID(context.parameters.get("override") ?? "", prefix: "override") else {
                throw GatewayError.notFound("override")
            }
            try await gateway.removeOverride(overrideID, from: existing, by: caller)
            return Response(status: .noContent)
        }
    }

    /// The schedule the path names, if the caller may see it.
    private func schedule(_ context: GatewayContext, _ caller: AdminCaller) throws -> ScheduleRecord {
        guard let id = TypeID(context.parameters.get("id") ?? "", prefix: "schedule") else { throw GatewayError.notFound("schedule") }
        return try gateway.schedule(id, in: caller.organizationID)
    }
}
