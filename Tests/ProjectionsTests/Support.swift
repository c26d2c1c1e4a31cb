import EventStore
import Foundation
import Projections
import Testing

/// A TypeID of kind `prefix`, made `offset` microseconds after a fixed instant, so ids sort in offset order.
func makeID(_ prefix: String, _ offset: Int64) throws -> TypeID {
    try #require(TypeID.make(prefix, at: Timestamp(microsecondsSinceEpoch: 1_800_000_000_000_000 + offset)))
}
