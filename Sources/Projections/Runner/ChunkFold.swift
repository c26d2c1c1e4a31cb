import EventStore

/// One projection being folded forward in a write transaction: its tables (the code version's), the
/// catalog record to update, and the last position folded into it.
struct FoldLane {
    let projection: any Projection
    /// The projection's place among the runner's, as `EventRoutes` names it.
    let index: Int
    var record: ProjectionRecord
    var position: UInt64
    let tables: ProjectionTables

    /// `expecting`: about how many events the lane will fold, for sizing its record cache.
    init(
        _ projection: any Projection, index: Int, record: ProjectionRecord, from position: UInt64,
        in transaction: WriteTransaction, expecting events: Int
    ) {
        self.init(
            projection, index: index, record: record, from: position,
            tables: ProjectionTables(
                transaction: transaction, prefix: ProjectionPaths.prefix(projection.name, version: projection.version),
                expectedKeys: events))
    }

    init(_ projection: any Projection, index: Int, record: ProjectionRecord, from position: UInt64, tables: ProjectionTables) {
        self.projection = projection
        self.index = index
        self.record = record
        self.position = position
        self.tables = tables
    }
}

/// Folds a run of events into several projections at once, each from its own position: every event goes
/// only to the projections that handle its type and have not folded it yet, decoded at most once.
struct ChunkFold {
    private var lanes: [FoldLane]
    private let catalog: EventCatalog?
    private let projectionRoutes: EventRoutes
    /// Event type → the lanes whose projection handles it, worked out on first sight of the type.
    private var routes: [String: [Int]] = [:]

    init(lanes: [FoldLane], catalog: EventCatalog?, routes: EventRoutes) {
        self.lanes = lanes
        self.catalog = catalog
        projectionRoutes = routes
    }

    /// Folds `event`, its payload decoded first, once for every lane, if it comes without one.
    mutating func apply(_ event: borrowing RecordedEvent) throws {
        let route = self.route(event.type)
        let position = event.position
        // Only an event some lane still folds is worth decoding.
        guard route.contains(where: { lanes[$0].position < position }) else { return }
        if let catalog, event.decodedPayload == nil, catalog.knows(event.type) {
            var decoded = copy event
            decoded.decodedPayload = try catalog.decodedPayload(event)
            try fold(decoded, into: route)
        } else {
            try fold(event, into: route)
        }
    }

    /// Applies each event of `chunk`, whose payloads are decoded already for the lanes that fold them,
    /// without looking: looking copied each payload out of its event, a retain and a release on the writer
    /// for every event. (A projection handed an event without one decodes it itself.) The lanes of each
    /// type are looked up once, and each event borrowed where it is: iterating the array would copy each
    /// event, a retain for each of its fields.
    mutating func apply(_ chunk: DecodedChunk) throws {
        let routes = chunk.types.map { route($0) }
        for index in chunk.events.indices {
            // An event no lane here folds is not even touched.
            let route = routes[chunk.typeIndexes[index]]
            if !route.isEmpty { try fold(chunk.events[index], into: route) }
        }
    }

    /// Hands `event` to the lanes of `route` that are behind it, borrowing the event and the lanes in
    /// place: copying them for every event was about a third of the reference counting of a rebuild's
    /// writer.
    private func fold(_ event: borrowing RecordedEvent, into route: [Int]) throws {
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
        let handling = projectionRoutes.projections(handling: type)
        let route = lanes.indices.filter { handling.contains(lanes[$0].index) }
        routes[type] = route
        return route
    }
}
