import Foundation
import Hummingbird

/// The client id and secret of an `Authorization: Basic` header, as OAuth clients send them.
struct BasicCredentials: Sendable {
    let clientID: String
    let secret: String

    /// `nil` without a well-formed Basic header.
    init?(_ request: Request) {
        guard let encoded = AuthorizationHeader.credentials(request, scheme: "basic"),
              let decoded = Data(base64Encoded: encoded),
              let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        clientID = String(text[..<colon]).removingPercentEncoding ?? String(text[..<colon])
        secret = String(text[text.index(after: colon)...]).removingPercentEncoding ?? String(text[text.index(after: colon)...])
    }
}
