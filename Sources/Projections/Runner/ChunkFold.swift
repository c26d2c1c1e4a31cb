import EventStore

/// One projection being folded forward in a write transaction: its tables (the code version's), the
/// catalog record to update, and the last position folded into it.
struct FoldLane {
    let projection: any Projection
    var record: ProjectionRecord
    var position: UInt64
    let tables: ProjectionTables

    init(_ projection: any Projection, record: ProjectionRecord, from position: UInt64, in transaction: WriteTransaction) {
        self.projection = projection
        self.record = record
        self.position = position
        tables = ProjectionTables(transaction: transaction, prefix: ProjectionPaths.prefix(projection.name, version: projection.version))
    }
}

/// Folds a run of events into several projections at once, each from its own position: every event goes
/// only to the projections that handle its type and have not folded it yet, decoded at most once.
struct ChunkFold {
    private var lanes: [FoldLane]
    private let catalog: EventCatalog?
    /// Event type → the lanes whose projection handles it, worked out on first sight of the type.
    private var routes: [String: [Int]] = [:]

    init(lanes: [FoldLane], catalog: EventCatalog?) {
        self.lanes = lanes
        self.catalog = catalog
    }

    mutating func apply(_ event: RecordedEvent) throws {
        let route = self.route(event.type)
        guard route.contains(where: { lanes[$0].position < event.position }) else { return }
        var event = event
        if let catalog, event.decodedPayload == nil, catalog.knows(event.type) {
            event.decodedPayload = try catalog.decode(event)
        }
        for index in route where lanes[index].position < event.position {
            try lanes[index].projection.apply(event, to: lanes[index].tables)
        }
    }

    /// Writes every lane's changed records and moves each to `position`, if it was behind it.
    mutating func finish(at position: UInt64) throws -> [FoldLane] {
        for index in lanes.indices {
            try lanes[index].tables.flush()
            lanes[index].position = max(lanes[index].position, position)
        }
        return lanes
    }

    private mutating func route(_ type: String) -> [Int] {
        if let route = routes[type] { return route }
        let route = lanes.indices.filter { lanes[$0].projection.handles(type) }
        routes[type] = route
        return route
    }
}
