import Foundation
import Hummingbird

/// Responses with a JSON body: the one way handlers answer, so that every family writes JSON alike
/// (UTF-8, sorted keys, slashes unescaped).
enum JSONResponse {
    static func make(
        _ status: HTTPResponse.Status, _ value: some Encodable, contentType: String = "application/json; charset=utf-8",
        headers: HTTPFields = [:]
    ) throws -> Response {
        var headers = headers
        headers[.contentType] = contentType
        let body = try encoder.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// One for every response: JSONEncoder is thread-safe, and making one per response costs an allocation
    /// and its options' set-up.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
