import EventStore
import Projections

/// The events a command decided on from the read models, and whether the decision holds only as long as
/// its stream is as the read saw it.
///
/// A command that reads before it writes ("is the server missing?", "is this key still active?") races
/// with the same command arriving at the same moment: both read the same state, and both would append.
/// A decision that depends on the state is appended at the stream version read with it, so that exactly
/// one of the racers gets through and the others decide again on the state it left.
struct Decision {
    let events: [any DomainEvent]
    /// `false` when the events are right whatever reached the stream meanwhile: they are then appended
    /// without a version check, and concurrent requests never retry.
    let dependsOnState: Bool
}

extension Gateway {
    /// Reads the projections `names` in one snapshot, appends to `stream` what `decide` makes of them, and
    /// decides again if the stream moved in between and the decision depends on the state it read.
    @discardableResult
    func append(
        deciding decide: ([ProjectionReader]) throws -> Decision, reading names: [String], to stream: String,
        _ metadata: EventMetadata
    ) async throws -> AppendResult {
        for _ in 0..<3 {
            let (decision, version) = try read(names) { readers in
                let decision = try decide(readers)
                let version = try decision.dependsOnState ? log.version(ofStream: stream, in: readers[0].transaction) : nil
                return (decision, version)
            }
            do {
                return try await append(decision.events, to: stream, expectedVersion: version.map { .exact($0) } ?? .any, metadata)
            } catch EventStoreError.wrongExpectedVersion where version != nil {
                continue
            }
        }
        throw GatewayError(.serviceUnavailable, "what this request changes kept changing while it was handled; send it again")
    }
}
