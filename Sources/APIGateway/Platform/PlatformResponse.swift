import Hummingbird

/// The platform API's answers: HAL JSON, blank fields left out.
enum PlatformResponse {
    static let contentType = "application/hal+json; charset=utf-8"

    static func make(_ status: HTTPResponse.Status, _ value: some Encodable) throws -> Response {
        try JSONResponse.make(status, value, contentType: contentType)
    }
}

/// The admin client a platform request acts for, from its bearer token (401 without a live one).
extension Gateway {
    func adminCaller(authorization request: Request) throws -> AdminCaller {
        guard let token = AuthorizationHeader.credentials(request, scheme: "bearer"), let caller = try adminCaller(bearerToken: token) else {
            throw GatewayError(.unauthorized, "a valid access token is required, as the header Authorization: Bearer <token> (POST /v1/oauth/token)")
        }
        return caller
    }
}
