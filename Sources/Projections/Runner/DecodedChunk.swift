import EventStore

/// A run of the log read ahead of a rebuild's fold and decoded on every core, with each event's type
/// given as an index into the run's few types: the fold looks each type's lanes up once a chunk, and
/// each event's by index, instead of hashing every event's type.
struct DecodedChunk: Sendable {
    /// Each event of a type the catalog knows and one of the projections folds holds its decoded payload.
    let events: [RecordedEvent]
    /// The run's distinct event types.
    let types: [String]
    /// For each event, the index of its type in `types`.
    let typeIndexes: [Int]

    /// Up to `limit` events from `position` on, those of a type the catalog knows and one of `projections`
    /// handles decoded (rebuilding one projection decodes only what it reads): in `parts` parts at once,
    /// as decoding is most of a rebuild's work (the fold, in the writer, about a third).
    static func read(
        _ log: LMDBEventLog, from position: UInt64, limit: Int, for projections: [any Projection], catalog: EventCatalog,
        parts: Int
    ) async throws -> DecodedChunk {
        var events = try log.events(from: position, limit: limit)
        var indexes: [String: Int] = [:]
        var types: [String] = []
        // Each type's decoder, if its events are to be decoded: looked up once a type.
        var decoders: [EventCatalog.PayloadDecoder?] = []
        let typeIndexes = events.indices.map { index in
            let type = events[index].type
            if let known = indexes[type] { return known }
            indexes[type] = types.count
            types.append(type)
            decoders.append(projections.contains { $0.handles(type) } ? catalog.payloadDecoder(for: type) : nil)
            return types.count - 1
        }
        let partSize = max(1, (events.count + parts - 1) / parts)
        // Each part hands back only its payloads. Once every part is done with the events, the payloads go
        // into them in place, so that no event is copied.
        var payloads = try await withThrowingTaskGroup(of: (Int, [(any Sendable)?]).self) { [events, decoders] group in
            for start in stride(from: 0, to: events.count, by: partSize) {
                group.addTask {
                    let part = start..<min(start + partSize, events.count)
                    return (start, try part.map { index in
                        try decoders[typeIndexes[index]].map { try catalog.decodedPayload(events[index], using: $0) }
                    })
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // Each part's payloads moved into their events (which, as read, hold none), not copied: taken out of
        // `payloads` first, so that the part's array is not shared when the swaps change it.
        while case (let start, var part)? = payloads.popLast() {
            for offset in part.indices {
                swap(&events[start + offset].decodedPayload, &part[offset])
            }
        }
        return DecodedChunk(events: events, types: types, typeIndexes: typeIndexes)
    }
}
