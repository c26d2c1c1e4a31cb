import EventStore
import Hummingbird

/// Typed query parameters: a bad value is a 400 that names the parameter.
extension Parameters {
    /// The ISO 8601 time in `name`, if the parameter is there.
    func timestamp(_ name: String) throws -> Timestamp? {
        guard let text = self[Substring(name)] else { return nil }
        guard let time = Timestamp(iso8601: text) else {
            throw GatewayError(.badRequest, "\(name) must be an ISO 8601 time, like 2026-11-22T10:00:00Z", field: name, code: .invalid)
        }
        return time
    }
}
