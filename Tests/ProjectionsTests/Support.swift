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
