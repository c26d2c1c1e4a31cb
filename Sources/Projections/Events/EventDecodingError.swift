/// Why a recorded event could not be read as a domain event.
public enum EventDecodingError: Error, Equatable, CustomStringConvertible {
    case unknownType(String)
    /// Written by newer code than this one: reading it would silently drop what this code does not know.
    case newerSchema(type: String, stored: UInt32, known: UInt32)
    case missingUpcaster(type: String, fromVersion: UInt32)
    case malformedPayload(type: String, position: UInt64, reason: String)
    /// The event is of another type than the one asked for.
    case typeMismatch(expected: String, found: String)

    public var description: String {
        switch self {
        case .unknownType(let type): "unknown event type '\(type)'"
        case let .newerSchema(type, stored, known):
            "'\(type)' was stored at schema version \(stored); this build knows up to \(known)"
        case let .missingUpcaster(type, fromVersion): "no upcaster for '\(type)' from schema version \(fromVersion)"
        case let .malformedPayload(type, position, reason): "'\(type)' at position \(position): \(reason)"
        case let .typeMismatch(expected, found): "expected '\(expected)', found '\(found)'"
        }
    }
}
