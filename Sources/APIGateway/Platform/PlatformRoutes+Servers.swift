import Hummingbird
import Projections

/// `/v1/servers`: monitoring servers, created with their Hot Potato API key.
extension PlatformRoutes {
    func addServers(to v1: RouterGroup<GatewayContext>) {
        v1.get("servers") { request, _ in
            try members(.server, "servers", request, { PlatformRepresentation.server($0) }) {
                try $0.servers(in: $1, offset: $2.offset, limit: $2.size)
            }
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
}
