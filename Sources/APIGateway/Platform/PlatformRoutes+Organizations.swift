import Hummingbird
import Projections

/// `/v1/organizations`: listed, created and read by admin clients.
extension PlatformRoutes {
    func addOrganizations(to v1: RouterGroup<GatewayContext>) {
        v1.get("organizations") { request, _ in
            let caller = try gateway.adminCaller(authorization: request)
            let page = try PageRequest(request.uri.queryParameters)
            let (items, total) = try gateway.directory { directory -> ([OrganizationCreated], Int) in
                if let own = caller.organizationID {
                    let mine = try directory.organization(own).map { [$0] } ?? []
                    return (page.page == 0 ? mine : [], mine.count)
                }
                return (try directory.organizations(offset: page.offset, limit: page.size), try directory.organizationCount())
            }
            return try PlatformResponse.make(.ok, HALPage(
                "organizations", items.map(PlatformRepresentation.organization), total: total, request: page, path: "/v1/organizations"))
        }
        v1.post("organizations") { request, _ in
            let caller = try gateway.adminCaller(authorization: request)
            let new = try await body.decode(NewOrganization.self, from: request, resource: "organization").validated()
            let created = try await gateway.createOrganization(name: new.name, by: caller)
            return try PlatformResponse.make(.created, PlatformRepresentation.organization(created))
        }
        v1.get("organizations/:id") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            return try PlatformResponse.make(.ok, PlatformRepresentation.organization(try organization(context, caller)))
        }
        v1.post("organizations/:id/clients") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            let organization = try organization(context, caller)
            let new = try await body.decode(NewClient.self, from: request, resource: "client")
            let (client, secret) = try await gateway.createAdminClient(
                name: new.name ?? "admin client", for: organization.organizationID, by: caller)
            return try PlatformResponse.make(.created, PlatformRepresentation.client(client, secret: secret.clear))
        }
    }

    /// The organization the path names, if the caller may see it.
    private func organization(_ context: GatewayContext, _ caller: AdminCaller) throws -> OrganizationCreated {
        guard let id = TypeID(context.parameters.get("id") ?? "", prefix: "org"), caller.organizationID == nil || caller.organizationID == id,
              let organization = try gateway.directory({ try $0.organization(id) })
        else { throw GatewayError.notFound("organization") }
        return organization
    }
}
