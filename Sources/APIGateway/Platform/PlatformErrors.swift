/// The platform API's error body: `{"errors": [{"message", "resource", "field", "code"}]}`, blank fields
/// left out.
struct PlatformErrors: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let message: String
        let resource: String?
        let field: String?
        let code: String?
    }

    static let contentType = PlatformResponse.contentType

    let errors: [Item]

    init(_ error: GatewayError) {
        errors = [Item(message: error.message, resource: error.resource, field: error.field, code: error.code?.rawValue)]
    }
}
