import Hummingbird

/// The API families one server speaks, each with its own error envelope. A request belongs to the family
/// its path starts with, so that even an unknown route or a body too large is answered in the envelope
/// its client expects.
enum APIFamily: Sendable {
    /// `/api/servers/v2` and `/api/v1`: the Hot Potato standard response.
    case hotPotato
    /// Everything else, `/v1` first: the platform API's error objects.
    case platform

    init(path: String) {
        self = path.hasPrefix("/api/servers/v2") || path.hasPrefix("/api/v1") ? .hotPotato : .platform
    }

    func response(for error: GatewayError) throws -> Response {
        switch self {
        case .hotPotato:
            return try JSONResponse.make(
                error.status, HotPotatoResponse<NoData>.failure(error), contentType: HotPotatoResponse<NoData>.contentType)
        case .platform:
            return try JSONResponse.make(error.status, PlatformErrors(error), contentType: PlatformErrors.contentType)
        }
    }
}
