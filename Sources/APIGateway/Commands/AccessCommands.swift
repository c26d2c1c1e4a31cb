import EventStore
public import Projections

/// The bootstrap of a new installation and the OAuth client-credentials grant.
extension Gateway {
    /// What the first start created, for the operator to read once.
    public struct Bootstrap: Sendable {
        public let clientID: String
        /// `nil` when the secret came from the environment: the operator knows it already.
        public let generatedSecret: String?
        public let organization: OrganizationCreated
    }

    /// On an empty log: the installation-wide admin client (`clientID`/`secret` when given, generated
    /// otherwise) and a default organization. `nil` when the log already holds events.
    public func bootstrapIfEmpty(clientID: String?, secret: String?) async throws -> Bootstrap? {
        guard log.headPosition == 0 else { return nil }
        let clientID = clientID ?? "admin-\(Secret.generate().clear.prefix(12))"
        let generated = secret == nil ? Secret.generate() : nil
        let clear = secret ?? generated?.clear ?? ""
        let metadata = EventMetadata(organization: nil, actor: "system:bootstrap")
        try await append(
            [AdminClientCreated(clientID: clientID, organizationID: nil, name: "bootstrap", secretHash: Secret.digest(of: clear))],
            to: "admin-clients", metadata)
        let caller = AdminCaller(clientID: clientID, organizationID: nil)
        let organization = try await createOrganization(name: "Default organization", by: caller)
        return Bootstrap(clientID: clientID, generatedSecret: generated?.clear, organization: organization)
    }

    /// A new admin client bound to `organization`: it acts in that organization only. The clear secret is
    /// in the answer and nowhere else.
    func createAdminClient(name: String, for organization: TypeID, by caller: AdminCaller) async throws -> (AdminClientCreated, Secret) {
        guard caller.organizationID == nil else {
            throw GatewayError(.forbidden, "only an installation-wide admin client creates admin clients", resource: "client")
        }
        let secret = Secret.generate()
        let client = AdminClientCreated(
            clientID: "client-\(Secret.generate().clear.prefix(16))", organizationID: organization, name: name, secretHash: secret.digest)
        try await append([client], to: "admin-clients", EventMetadata(organization: organization.description, actor: caller.actor))
        return (client, secret)
    }

    /// A new access token for the client whose secret is `secret`; `nil` when the pair is wrong.
    func issueAccessToken(clientID: String, secret: String) async throws -> (token: Secret, expiresIn: Int64)? {
        guard let client = try directory({ try $0.adminClient(clientID) }), client.secretHash == Secret.digest(of: secret) else {
            return nil
        }
        let token = Secret.generate()
        let lifetime = settings.tokenLifetimeSeconds
        let expiresAt = Timestamp(microsecondsSinceEpoch: clock.now().microsecondsSinceEpoch + lifetime * 1_000_000)
        try await append(
            [AccessTokenIssued(clientID: clientID, organizationID: client.organizationID, tokenHash: token.digest, expiresAt: expiresAt)],
            to: "access-tokens", EventMetadata(organization: client.organizationID?.description, actor: "admin:\(clientID)"))
        return (token, lifetime)
    }

    /// The admin client a bearer token acts for; `nil` for an unknown or expired token.
    func adminCaller(bearerToken: String) throws -> AdminCaller? {
        guard let token = try directory({ try $0.accessToken(tokenHash: Secret.digest(of: bearerToken)) }),
              clock.now() < token.expiresAt
        else { return nil }
        return AdminCaller(clientID: token.clientID, organizationID: token.organizationID)
    }

    /// The monitoring server whose API key is `key`; `nil` for anything else (a user's key included).
    func serverCaller(apiKey key: String) throws -> ServerCaller? {
        let digest = Secret.digest(of: key)
        return try serverKeys.caller(digest: digest) { [self] in
            try directory { directory in
                guard let credential = try directory.credential(secretHash: digest),
                      credential.kind == .serverAPIKey, let organizationID = credential.organizationID,
                      let server = try directory.server(credential.ownerID, in: organizationID),
                      let organization = try directory.organization(organizationID)
                else { return nil }
                return ServerCaller(server: server, organization: organization)
            }
        }
    }
}
