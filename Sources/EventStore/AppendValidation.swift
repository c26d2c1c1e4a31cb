import Foundation

/// What an append must satisfy before it is queued: the envelope's field limits and a batch's own sanity.
enum AppendValidation {
    static let maxBatchSize = 10_000
    static let maxNameBytes = 255
    static let maxPayloadBytes = 4 << 20

    static func check(_ events: [ProposedEvent], stream: String) throws(EventStoreError) {
        guard !events.isEmpty else { throw .invalidEvent("a batch needs at least one event") }
        guard events.count <= maxBatchSize else { throw .invalidEvent("a batch holds at most \(maxBatchSize) events") }
        guard !stream.isEmpty, stream.utf8.count <= maxNameBytes, !stream.utf8.contains(0) else {
            throw .invalidEvent("a stream name is 1 to \(maxNameBytes) bytes of UTF-8 without NUL")
        }
        for event in events {
            try checkName(event.type, "type")
            try checkName(event.actor, "actor")
            if let organization = event.organization { try checkName(organization, "organization") }
            guard event.payload.count <= maxPayloadBytes else {
                throw .invalidEvent("a payload holds at most \(maxPayloadBytes) bytes")
            }
        }
        if events.count > 1 { try checkDistinctIDs(events) }
    }

    private static func checkDistinctIDs(_ events: [ProposedEvent]) throws(EventStoreError) {
        var ids = Set<UUID>(minimumCapacity: events.count)
        for event in events where !ids.insert(event.id).inserted {
            throw .idempotencyConflict(eventID: event.id, reason: "appears twice in the batch")
        }
    }

    private static func checkName(_ value: String, _ field: String) throws(EventStoreError) {
        guard !value.isEmpty, value.utf8.count <= maxNameBytes else {
            throw .invalidEvent("\(field) is 1 to \(maxNameBytes) bytes")
        }
    }
}
