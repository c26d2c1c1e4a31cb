public import HTTPTypes

/// A request the gateway refuses, with what its caller needs to put it right. Each API family renders it
/// in its own envelope (see `APIFamily`); handlers only say what went wrong.
public struct GatewayError: Error, Sendable {
    /// The validation codes of the platform API's error objects.
    public enum Code: String, Sendable {
        case missing
        case missingField = "missing_field"
        case invalid
        case alreadyExists = "already_exists"
        case notFound = "not_found"
    }

    public let status: HTTPResponse.Status
    public let message: String
    /// The kind of thing the error is about (`user`, `server` …), when there is one.
    public var resource: String?
    /// The field of the request at fault, when there is one.
    public var field: String?
    public var code: Code?

    public init(_ status: HTTPResponse.Status, _ message: String, resource: String? = nil, field: String? = nil, code: Code? = nil) {
        self.status = status
        self.message = message
        self.resource = resource
        self.field = field
        self.code = code
    }

    /// Unknown, or belonging to another organization: the two are answered alike.
    static func notFound(_ resource: String) -> GatewayError {
        GatewayError(.notFound, "no such \(resource)", resource: resource, code: .notFound)
    }

    static func missingField(_ field: String, in resource: String? = nil) -> GatewayError {
        GatewayError(.unprocessableContent, "\(field) is required", resource: resource, field: field, code: .missingField)
    }

    static func invalid(_ field: String, _ reason: String, in resource: String? = nil) -> GatewayError {
        GatewayError(.unprocessableContent, "\(field) \(reason)", resource: resource, field: field, code: .invalid)
    }
}
