import Hummingbird
import Projections

/// The Hot Potato "standard response": `{"success", "code", "message", "data"}`, with `message` and `data`
/// written as `null` when absent, exactly as the seed shows it.
struct HotPotatoResponse<Payload: Encodable & Sendable>: JSONMembersWriting, Sendable {
    /// The seed's example responses say `Content-Type: text/javascript`; Hot Potato's clients get what the
    /// seed promised.
    static var contentType: String { "text/javascript; charset=utf-8" }

    let success: Bool
    let code: Int
    let message: String?
    let data: Payload?

    static func success(_ data: Payload, code: Int) -> HotPotatoResponse {
        HotPotatoResponse(success: true, code: code, message: nil, data: data)
    }

    static func failure(_ error: GatewayError) -> HotPotatoResponse {
        HotPotatoResponse(success: false, code: error.status.code, message: error.message, data: nil)
    }

    /// The response with HTTP status `status`; the body's `code` is `code`, which the seed's
    /// `notifications/send` example sets apart from the status (201 with `"code": 200`).
    static func response(_ data: Payload, status: HTTPResponse.Status, code: Int? = nil) throws -> Response {
        try JSONResponse.make(status, success(data, code: code ?? status.code), contentType: contentType)
    }

    func writeMembers(to members: inout JSONMembers) throws {
        try members.write(code, for: CodingKeys.code)
        try members.write(data, for: CodingKeys.data)
        try members.write(message, for: CodingKeys.message)
        try members.write(success, for: CodingKeys.success)
    }

    private enum CodingKeys: String, CodingKey {
        case success, code, message, data
    }
}

/// The `data` of a response that carries none.
struct NoData: Encodable, Sendable {}
