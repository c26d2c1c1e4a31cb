import Foundation
import Hummingbird
import Projections

/// The platform API under `/v1`: OAuth client credentials, the application root, organizations, users and
/// their API keys, monitoring servers, schedules, notifications and the audit log.
struct PlatformRoutes: Sendable {
    let gateway: Gateway

    var body: JSONBody {
        JSONBody(limit: gateway.settings.maxBodyBytes, fieldStatus: .unprocessableContent)
    }

    func add(to router: Router<GatewayContext>) {
        let v1 = router.group("v1")
        v1.post("oauth/token") { request, _ in try await token(request) }
        v1.get("application") { request, _ in
            _ = try gateway.adminCaller(authorization: request)
            return try PlatformResponse.make(.ok, ApplicationRoot())
        }
        addOrganizations(to: v1)
        addUsers(to: v1)
        addServers(to: v1)
        addSchedules(to: v1)
        addNotifications(to: v1)
        addAudit(to: v1)
    }

    /// One page of an organization's users or servers (`/v1/<name>?organization_id=…`), in HAL.
    func members<Member, Body: Encodable & Sendable>(
        _ kind: NumberedKind, _ name: String, _ request: Request, _ represent: (Member) -> HALResource<Body>,
        list: (DirectoryQueries, TypeID, PageRequest) throws -> [Member]
    ) throws -> Response {
        let caller = try gateway.adminCaller(authorization: request)
        let (organization, page) = try scope(request, caller)
        let (items, total) = try gateway.directory { (try list($0, organization, page), try $0.count(kind, in: organization)) }
        return try PlatformResponse.make(.ok, HALPage(
            name, items.map(represent), total: total, request: page, path: "/v1/\(name)", query: "organization_id=\(organization)"))
    }

    /// The organization a listing is about (`organization_id`, or the client's own) and the page asked for.
    func scope(_ request: Request, _ caller: AdminCaller) throws -> (TypeID, PageRequest) {
        let query = request.uri.queryParameters
        let requested = try query["organization_id"].map { text -> TypeID in
            guard let id = TypeID(String(text), prefix: "org") else { throw GatewayError.notFound("organization") }
            return id
        }
        let organization = try caller.organization(named: requested, gateway)
        return (organization, try PageRequest(query))
    }

    /// The user the path names, if the caller may see them.
    func user(_ context: GatewayContext, _ caller: AdminCaller) throws -> UserCreated {
        guard let id = TypeID(context.parameters.get("id") ?? "", prefix: "orguser"),
              let user = try gateway.directory({ try $0.user(id, in: caller.organizationID) })
        else { throw GatewayError.notFound("user") }
        return user
    }
}
