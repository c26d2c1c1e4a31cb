import Projections

/// Who a platform API request acts for: an admin client, installation-wide or bound to one organization.
struct AdminCaller: Sendable {
    let clientID: String
    /// `nil` for an installation-wide client.
    let organizationID: TypeID?

    var actor: String { "admin:\(clientID)" }

    /// The organization a request acts in: the client's own, or (for an installation-wide client) the one
    /// it names. A client bound to one organization that names another is told it does not exist.
    func organization(named requested: TypeID?, _ gateway: Gateway) throws -> TypeID {
        if let own = organizationID {
            guard requested == nil || requested == own else { throw GatewayError.notFound("organization") }
            return own
        }
        guard let requested else { throw GatewayError.missingField("organization_id") }
        guard try gateway.directory({ try $0.organization(requested) }) != nil else { throw GatewayError.notFound("organization") }
        return requested
    }
}

/// A monitoring server, authenticated by its API key.
struct ServerCaller: Sendable {
    let server: ServerCreated
    let organization: OrganizationCreated

    var actor: String { "server:\(server.serverID)" }
}
