import Hummingbird
import Projections

/// `POST /v1/oauth/token`: the OAuth 2.0 client-credentials grant.
extension PlatformRoutes {
    func token(_ request: Request) async throws -> Response {
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
