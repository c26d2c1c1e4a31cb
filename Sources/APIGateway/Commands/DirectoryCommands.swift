import EventStore
import Projections

/// The platform API's writes to the directory: each checks what the read models say, then appends the
/// events that make the change.
extension Gateway {
    func createOrganization(name: String, by caller: AdminCaller) async throws -> OrganizationCreated {
        guard caller.organizationID == nil else {
            throw GatewayError(.forbidden, "only an installation-wide admin client creates organizations", resource: "organization")
        }
        let id = try newID("org")
        let organization = { number in OrganizationCreated(organizationID: id, number: number, name: name) }
        let created = try await appendNumbered(
            "organization", highest: { try self.directory { try $0.highestNumber(.organization) } },
            EventMetadata(organization: id.description, actor: caller.actor)
        ) { [organization($0)] }
        return organization(created.number)
    }

    func createUser(_ request: NewUser, in organization: TypeID, by caller: AdminCaller) async throws -> UserCreated {
        let email = request.email.lowercased()
        return try await uniqueValues.run("user-email \(organization) \(email)") {
            if try directory({ try $0.user(email: email, in: organization) }) != nil {
                throw GatewayError(.unprocessableContent, "a user with this email exists", resource: "user", field: "email", code: .alreadyExists)
            }
            let id = try newID("orguser")
            let user = { number in
                UserCreated(
                    userID: id, number: number, organizationID: organization, name: request.name, email: email,
                    phone: request.phone, timeZone: request.timeZone)
            }
            let created = try await appendNumbered(
                "user", highest: { try self.directory { try $0.highestNumber(.user) } },
                EventMetadata(organization: organization.description, actor: caller.actor)
            ) { [user($0)] }
            return user(created.number)
        }
    }

    /// A new API key for `user`; the clear key is in the answer and nowhere else.
    func issueUserAPIKey(name: String, for user: UserCreated, by caller: AdminCaller) async throws -> (CredentialIssued, Secret) {
        let secret = Secret.generate()
        let issued = CredentialIssued(
            credentialID: try newID("key"), kind: .userAPIKey, ownerID: user.userID, organizationID: user.organizationID,
            name: name, secretHash: secret.digest)
        try await append(
            [issued], to: "user-\(user.number)", EventMetadata(organization: user.organizationID.description, actor: caller.actor))
        return (issued, secret)
    }

    /// Revokes the API key `keyID` of `user`: once, however many requests revoke it together; the others
    /// find it gone.
    func revokeUserAPIKey(_ keyID: String?, of user: UserCreated, by caller: AdminCaller) async throws {
        try await append(
            deciding: { readers in
                guard let credential = try DirectoryQueries(readers[0]).credentials(of: user.userID)
                    .first(where: { $0.credentialID.description == keyID })
                else { throw GatewayError.notFound("api-key") }
                return Decision(
                    events: [CredentialRevoked(credentialID: credential.credentialID, secretHash: credential.secretHash)],
                    dependsOnState: true)
            },
            reading: ["directory"], to: "user-\(user.number)",
            EventMetadata(organization: user.organizationID.description, actor: caller.actor))
        serverKeys.invalidate()
    }

    /// A new monitoring server and its API key, in one append; the clear key is in the answer only.
    func createServer(_ request: NewServer, in organization: TypeID, by caller: AdminCaller) async throws -> (ServerCreated, Secret) {
        let id = try newID("server")
        let keyID = try newID("key")
        let secret = Secret.generate()
        let server = { number in
            ServerCreated(
                serverID: id, number: number, organizationID: organization, name: request.name,
                hostname: request.hostname ?? request.name, heartbeatGraceSeconds: request.heartbeatGraceSeconds ?? 300)
        }
        let key = CredentialIssued(
            credentialID: keyID, kind: .serverAPIKey, ownerID: id, organizationID: organization,
            name: "\(request.name) API key", secretHash: secret.digest)
        let created = try await appendNumbered(
            "server", highest: { try self.directory { try $0.highestNumber(.server) } },
            EventMetadata(organization: organization.description, actor: caller.actor)
        ) { [server($0), key] }
        return (server(created.number), secret)
    }
}
