import Hummingbird

/// How Hot Potato servers prove who they are: V2 with an `Authorization: Apikey <key>` header (401 when
/// missing or wrong), V1 with an `apikey` field in the JSON body (403).
extension Gateway {
    func serverCaller(authorization request: Request) throws -> ServerCaller {
        guard let key = AuthorizationHeader.credentials(request, scheme: "apikey"), let caller = try serverCaller(apiKey: key) else {
            throw GatewayError(.unauthorized, "a valid API key is required, as the header Authorization: Apikey <key>")
        }
        return caller
    }

    func serverCaller(bodyKey key: String?) throws -> ServerCaller {
        guard let key, let caller = try serverCaller(apiKey: key) else {
            throw GatewayError(.forbidden, "a valid API key is required, as the field apikey of the JSON body")
        }
        return caller
    }
}
