import Hummingbird
import Projections

/// `/v1/users` and their API keys.
extension PlatformRoutes {
    func addUsers(to v1: RouterGroup<GatewayContext>) {
        v1.get("users") { request, _ in
            try members(.user, "users", request, PlatformRepresentation.user) {
                try $0.users(in: $1, offset: $2.offset, limit: $2.size)
            }
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
            let page = try PageRequest(request.uri.queryParameters)
            let keys = try gateway.directory { try $0.credentials(of: user.userID) }
            return try PlatformResponse.make(.ok, HALPage(
                "api-keys", page.items(of: keys).map { PlatformRepresentation.apiKey($0) }, total: keys.count, request: page,
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
            try await gateway.revokeUserAPIKey(context.parameters.get("key"), of: user, by: caller)
            return Response(status: .noContent)
        }
    }
}
