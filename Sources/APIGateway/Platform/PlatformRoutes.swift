import Foundation
import Hummingbird
import Projections

/// The platform API under `/v1`: OAuth client credentials, the application root, organizations, users and
/// their API keys, and monitoring servers.
struct PlatformRoutes: Sendable {
    let gateway: Gateway

    private var body: JSONBody {
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
    }

    private func token(_ request: Request) async throws -> Response {
        let json = request.headers[.contentType]?.lowercased().hasPrefix("application/json") ?? false
        var form: TokenRequest
        if json {
            form = try await body.decode(TokenRequest.self, from: request)
        } else {
            let buffer = try await request.body.collect(upTo: gateway.settings.maxBodyBytes)
            do {
                form = try URLEncodedFormDecoder().decode(TokenRequest.self, from: String(buffer: buffer))
            } catch {
                throw GatewayError(.badRequest, "send grant_type=client_credentials as a form (application/x-www-form-urlencoded)", field: "grant_type", code: .missingField)
            }
        }
        guard form.grantType == "client_credentials" else {
            throw GatewayError(.badRequest, "grant_type must be client_credentials", field: "grant_type", code: .invalid)
        }
        let basic = BasicCredentials(request)
        guard let clientID = basic?.clientID ?? form.clientID, let secret = basic?.secret ?? form.clientSecret,
              let issued = try await gateway.issueAccessToken(clientID: clientID, secret: secret)
        else { throw GatewayError(.unauthorized, "unknown client, or wrong secret") }
        return try PlatformResponse.make(.ok, TokenResponse(accessToken: issued.token.clear, expiresIn: issued.expiresIn))
    }

    private func addOrganizations(to v1: RouterGroup<GatewayContext>) {
        v1.get("organizations") { request, _ in
            let caller = try gateway.adminCaller(authorization: request)
            let page = try PageRequest(page: request.uri.queryParameters["page"].map(String.init), size: request.uri.queryParameters["size"].map(String.init))
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
            guard let id = TypeID(context.parameters.get("id") ?? "", prefix: "org"), caller.organizationID == nil || caller.organizationID == id,
                  let organization = try gateway.directory({ try $0.organization(id) })
            else { throw GatewayError.notFound("organization") }
            return try PlatformResponse.make(.ok, PlatformRepresentation.organization(organization))
        }
    }

    private func addUsers(to v1: RouterGroup<GatewayContext>) {
        v1.get("users") { request, _ in
            let caller = try gateway.adminCaller(authorization: request)
            let (organization, page) = try scope(request, caller)
            let (items, total) = try gateway.directory {
                (try $0.users(in: organization, offset: page.offset, limit: page.size), try $0.count(.user, in: organization))
            }
            return try PlatformResponse.make(.ok, HALPage(
                "users", items.map(PlatformRepresentation.user), total: total, request: page, path: "/v1/users",
                query: "organization_id=\(organization)"))
        }
        v1.post("users") { request, _ in
            let caller = try gateway.adminCaller(authorization: request)
            let new = try await body.decode(NewUser.self, from: request, resource: "user").validated()
            let organization = try caller.organization(named: new.organizationID, gateway)
            let created = try await gateway.createUser(new, in: organization, by: caller)
            return try PlatformResponse.make(.created, PlatformRepresentation.user(created))
        }
        v1.get("users/:id") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            return try PlatformResponse.make(.ok, PlatformRepresentation.user(try user(context, caller)))
        }
        v1.get("users/:id/api-keys") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            let user = try user(context, caller)
            let keys = try gateway.directory { try $0.credentials(of: user.userID) }
            let page = try PageRequest(page: nil, size: "100")
            return try PlatformResponse.make(.ok, HALPage(
                "api-keys", keys.map { PlatformRepresentation.apiKey($0) }, total: keys.count, request: page,
                path: "/v1/users/\(user.userID)/api-keys"))
        }
        v1.post("users/:id/api-keys") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            let user = try user(context, caller)
            let new = try await body.decode(NewAPIKey.self, from: request, resource: "api-key")
            let (issued, secret) = try await gateway.issueUserAPIKey(name: new.name ?? "API key", for: user, by: caller)
            return try PlatformResponse.make(.created, PlatformRepresentation.apiKey(issued, key: secret.clear))
        }
        v1.delete("users/:id/api-keys/:key") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            let user = try user(context, caller)
            guard let credential = try gateway.directory({ try $0.credentials(of: user.userID) })
                .first(where: { $0.credentialID.description == context.parameters.get("key") })
            else { throw GatewayError.notFound("api-key") }
            try await gateway.revokeCredential(credential, in: "user-\(user.number)", by: caller)
            return Response(status: .noContent)
        }
    }

    private func addServers(to v1: RouterGroup<GatewayContext>) {
        v1.get("servers") { request, _ in
            let caller = try gateway.adminCaller(authorization: request)
            let (organization, page) = try scope(request, caller)
            let (items, total) = try gateway.directory {
                (try $0.servers(in: organization, offset: page.offset, limit: page.size), try $0.count(.server, in: organization))
            }
            return try PlatformResponse.make(.ok, HALPage(
                "servers", items.map { PlatformRepresentation.server($0) }, total: total, request: page, path: "/v1/servers",
                query: "organization_id=\(organization)"))
        }
        v1.post("servers") { request, _ in
            let caller = try gateway.adminCaller(authorization: request)
            let new = try await body.decode(NewServer.self, from: request, resource: "server").validated()
            let organization = try caller.organization(named: new.organizationID, gateway)
            let (server, key) = try await gateway.createServer(new, in: organization, by: caller)
            return try PlatformResponse.make(.created, PlatformRepresentation.server(server, apiKey: key.clear))
        }
        v1.get("servers/:id") { request, context in
            let caller = try gateway.adminCaller(authorization: request)
            guard let id = TypeID(context.parameters.get("id") ?? "", prefix: "server"),
                  let server = try gateway.directory({ try $0.server(id, in: caller.organizationID) })
            else { throw GatewayError.notFound("server") }
            return try PlatformResponse.make(.ok, PlatformRepresentation.server(server))
        }
    }

    /// The organization a listing is about (`organization_id`, or the client's own) and the page asked for.
    private func scope(_ request: Request, _ caller: AdminCaller) throws -> (TypeID, PageRequest) {
        let query = request.uri.queryParameters
        let requested = try query["organization_id"].map { text -> TypeID in
            guard let id = TypeID(String(text), prefix: "org") else { throw GatewayError.notFound("organization") }
            return id
        }
        let organization = try caller.organization(named: requested, gateway)
        return (organization, try PageRequest(page: query["page"].map(String.init), size: query["size"].map(String.init)))
    }

    /// The user the path names, if the caller may see them.
    private func user(_ context: GatewayContext, _ caller: AdminCaller) throws -> UserCreated {
        guard let id = TypeID(context.parameters.get("id") ?? "", prefix: "orguser"),
              let user = try gateway.directory({ try $0.user(id, in: caller.organizationID) })
        else { throw GatewayError.notFound("user") }
        return user
    }
}

/// The answer of the client-credentials grant.
struct TokenResponse: Encodable, Sendable {
    let accessToken: String
    let tokenType = "bearer"
    let expiresIn: Int64

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}

/// `GET /v1/application`: the root resource, linking every endpoint category.
struct ApplicationRoot: Encodable, Sendable {
    let name = "Pagerlog"
    let links: [String: Link] = [
        "self": Link(href: "/v1/application"),
        "token": Link(href: "/v1/oauth/token"),
        "organizations": Link(href: "/v1/organizations{?page,size}"),
        "users": Link(href: "/v1/users{?organization_id,page,size}"),
        "servers": Link(href: "/v1/servers{?organization_id,page,size}"),
    ]

    enum CodingKeys: String, CodingKey {
        case name
        case links = "_links"
    }
}
