import Foundation
import Hummingbird
import Projections

/// Reads a request's JSON body, refusing what a hostile or careless client can send: a body over the
/// size limit (413), another content type (415), bytes that are not UTF-8 or not JSON (400), and fields
/// missing or of the wrong type (`fieldStatus`: 400 in Hot Potato, 422 in the platform API). Nothing is
/// decoded from a body that failed any of these.
struct JSONBody: Sendable {
    let limit: Int
    let fieldStatus: HTTPResponse.Status

    func decode<Value: Decodable>(_ type: Value.Type, from request: Request, resource: String? = nil) async throws -> Value {
        try decode(type, from: try await read(request), resource: resource)
    }

    /// The body's bytes, once its size, content type and encoding are checked, for decoding more than once.
    func read(_ request: Request) async throws -> Data {
        try Self.checkContentType(request)
        let buffer = try await request.body.collect(upTo: limit)
        do {
            // Checked in place, without making a string of the body.
            _ = try UTF8Span(validating: buffer.readableBytesUInt8Span)
        } catch {
            throw GatewayError(.badRequest, "the request body is not valid UTF-8")
        }
        return Data(buffer.readableBytesView)
    }

    func decode<Value: Decodable>(_ type: Value.Type, from body: Data, resource: String? = nil) throws -> Value {
        do {
            return try PayloadDecoding.decode(Value.self, from: body)
        } catch let error as DecodingError {
            throw fieldError(error, resource: resource)
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GatewayError(.badRequest, "the request body is not valid JSON")
        }
    }

    /// JSON, or no content type at all (many monitoring scripts send none).
    private static func checkContentType(_ request: Request) throws {
        guard let contentType = request.headers[.contentType] else { return }
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw GatewayError(.unsupportedMediaType, "send the body as JSON, with Content-Type: application/json (got \(contentType))")
        }
    }

    private func fieldError(_ error: DecodingError, resource: String?) -> GatewayError {
        switch error {
        case let .keyNotFound(key, context):
            let field = Self.path(context.codingPath + [key])
            return GatewayError(fieldStatus, "\(field) is required", resource: resource, field: field, code: .missingField)
        case let .valueNotFound(_, context):
            let field = Self.path(context.codingPath)
            return GatewayError(fieldStatus, "\(field) is required", resource: resource, field: field, code: .missingField)
        case let .typeMismatch(_, context) where context.codingPath.isEmpty:
            return GatewayError(.badRequest, "the request body must be a JSON object")
        case let .typeMismatch(type, context):
            let field = Self.path(context.codingPath)
            return GatewayError(fieldStatus, "\(field) must be \(Self.describe(type))", resource: resource, field: field, code: .invalid)
        case let .dataCorrupted(context) where context.codingPath.isEmpty:
            return GatewayError(.badRequest, "the request body is not valid JSON")
        case let .dataCorrupted(context):
            let field = Self.path(context.codingPath)
            return GatewayError(fieldStatus, "\(field) is invalid: \(context.debugDescription)", resource: resource, field: field, code: .invalid)
        @unknown default:
            return GatewayError(.badRequest, "the request body could not be read")
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        default: "a \(type)"
        }
    }
}
