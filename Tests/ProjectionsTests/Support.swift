import EventStore
import Fixtures
import Foundation
import Projections
import Testing

/// A TypeID of kind `prefix`, made `offset` microseconds after a fixed instant, so ids sort in offset order.
func makeID(_ prefix: String, _ offset: Int64) throws -> TypeID {
    try #require(TypeID.make(prefix, at: Timestamp(microsecondsSinceEpoch: 1_800_000_000_000_000 + offset)))
}

/// The domain events of a generated history: a directory, then `count` appends of traffic.
func generatedEvents(seed: UInt64, count: Int = 3_000) -> [any DomainEvent] {
    var history = SyntheticHistory(seed: seed)
    var appends = history.setUp(organizations: 2, usersEach: 5, serversEach: 10)
    for _ in 0..<count { appends.append(history.next()) }
    return appends.flatMap(\.events)
}

/// Decodes `data` with `decode` and with `JSONDecoder`: both must give the same value (compared as canonical
/// JSON) or fail with the same error.
func expectDecodesAsJSONDecoder<Value: Codable>(
    _ data: Data, decodedBy decode: (Data) throws -> Value, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let expected = Result { try JSONDecoder().decode(Value.self, from: data) }
    let decoded = Result { try decode(data) }
    switch (expected, decoded) {
    case (.success(let expected), .success(let decoded)):
        #expect(try CanonicalJSON.encode(decoded) == CanonicalJSON.encode(expected), sourceLocation: sourceLocation)
    case (.failure(let expected), .failure(let decoded)):
        #expect("\(decoded)" == "\(expected)", sourceLocation: sourceLocation)
    default:
        Issue.record("JSONDecoder: \(expected); decoded: \(decoded)", sourceLocation: sourceLocation)
    }
}
