import Foundation
import Hummingbird
import Projections

/// Responses with a JSON body: the one way handlers answer, so that every family writes JSON alike
/// (UTF-8, sorted keys, slashes unescaped).
enum JSONResponse {
    static func make(
        _ status: HTTPResponse.Status, _ value: some Encodable, contentType: String = "application/json; charset=utf-8",
        headers: HTTPFields = [:]
    ) throws -> Response {
        make(status, body: try body(value), contentType: contentType, headers: headers)
    }

    /// A response with a body already rendered by `body(_:)`.
    static func make(
        _ status: HTTPResponse.Status, body: ByteBuffer, contentType: String = "application/json; charset=utf-8",
        headers: HTTPFields = [:]
    ) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// `value` as the JSON every response carries.
    static func body(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(bytes: try CanonicalJSON.encode(value))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
