public import EventStore
import Foundation

/// Keeps every projection at the log's head.
///
/// As a `LogHook` it folds each group commit's events into every serving projection inside the same write
/// transaction, so a read model is always exactly at the head. `catchUp` builds what the hook cannot: a
/// projection new to this log, one whose code version changed (into fresh tables, while the old version
/// keeps answering as of when its rebuild began), or one that missed events (a log imported without
/// projections). It reads the log once for all of them, in chunks, each a write transaction of its own,
/// decoding each event once for every projection that folds it; a rebuilt version is switched in by the
/// transaction that catches it up with the head, and the old version's tables are then emptied.
public final class ProjectionRunner: LogHook {
    private let projections: [any Projection]
    let routes: EventRoutes
    let catalog: EventCatalog?
    private let chunkSize: Int
    /// Decoding a chunk is split into this many parts, decoded at once.
    private let decodingParts = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The events a catching-up transaction folds unless told otherwise (see `init`).
    public static let defaultChunkSize = 32_768

    /// With a `catalog`, each event of a type it knows is decoded once and handed to the projections
    /// already decoded, instead of once by each projection that reads it.
    ///
    /// `chunkSize`: events a catching-up transaction folds. Each chunk is a durable commit that rewrites
    /// the pages its records share with the chunk before (the branches, the last leaves, every server's
    /// state): 32,768 events a chunk rebuilt 1,000,000 events about a sixth faster than 8,192, for about
    /// 30 MB more of decoded events held at once.
    public init(
        _ projections: [any Projection], catalog: EventCatalog? = nil, chunkSize: Int = ProjectionRunner.defaultChunkSize
    ) throws {
        var names = Set<String>()
        for projection in projections where !names.insert(projection.name).inserted {
            throw ProjectionError.duplicateName(projection.name)
        }
        self.projections = projections
        routes = EventRoutes(projections)
        self.catalog = catalog
        self.chunkSize = chunkSize
    }

    public func apply(_ events: [RecordedEvent], in transaction: WriteTransaction) throws {
        guard let first = events.first, let last = events.last else { return }
        var lanes: [FoldLane] = []
        for (index, projection) in projections.enumerated() {
            guard let record = try ProjectionRecord.load(projection.name, in: transaction),
                  record.isServing(projection.version), record.position + 1 == first.position
            else { continue }
            lanes.append(FoldLane(
                projection, index: index, record: record, from: record.position, in: transaction, expecting: events.count))
        }
        guard !lanes.isEmpty else { return }
        var fold = ChunkFold(lanes: lanes, catalog: catalog, routes: routes)
        for event in events { try fold.apply(event) }
        for var lane in try fold.finish(at: last.position) {
            lane.record.position = lane.position
            try lane.record.save(lane.projection.name, in: transaction)
        }
    }

    /// The projections' names, in the order they were given.
    public var names: [String] { projections.map(\.name) }

    /// Builds and catches up every projection until each serves its code's version at the log's head.
    ///
    /// With a catalog, reading and decoding the next chunk of the log (in a read snapshot, on every core)
    /// overlaps folding the current one into the tables (in the writer's transaction): decoding is most
    /// of the work of a rebuild. The current chunk's projections are themselves shared out between the
    /// writer and a second thread folding in a snapshot of the last commit (`SnapshotFold`).
    public func catchUp(_ log: LMDBEventLog) async throws {
        var prefetched = try await firstChunk(log)
        var folding = projections
        while true {
            let chunk = prefetched
            let next = chunk?.events.last.map { [folding] last in
                Task { try await self.decodedChunk(log, from: last.position + 1, for: folding) }
            }
            let outcome = try await log.write { [self] transaction in try step(log, transaction, prefetched: chunk) }
            folding = outcome.folding
            guard !outcome.done else {
                next?.cancel()
                return
            }
            if outcome.last == chunk?.events.last?.position {
                prefetched = try await next?.value
            } else {
                // The step read its own chunk (the projections stood elsewhere): the prefetch does not follow it.
                next?.cancel()
                prefetched = nil
            }
            if prefetched == nil, catalog != nil {
                prefetched = try await decodedChunk(log, from: outcome.last + 1, for: folding)
            }
        }
    }

    /// The chunk the first step folds, decoded ahead on every core like the ones after it, instead of
    /// read and decoded by the step itself on the writer's thread: from where the projection furthest
    /// behind stands before the step. Should it have moved by then, the step reads its own chunk.
    /// Only the events the projections behind the head fold are decoded, as in the chunks after it.
    private func firstChunk(_ log: LMDBEventLog) async throws -> DecodedChunk? {
        guard catalog != nil else { return nil }
        let head = log.headPosition
        let behind = try log.read { transaction in
            try projections.compactMap { projection -> (any Projection, UInt64)? in
                let position = try ProjectionRecord.load(projection.name, in: transaction)?.position(of: projection.version) ?? 0
                return position < head ? (projection, position) : nil
            }
        }
        guard let start = behind.map(\.1).min() else { return nil }
        return try await decodedChunk(log, from: start + 1, for: behind.map(\.0))
    }

    /// The next chunk for `projections`, decoded on every core.
    private func decodedChunk(_ log: LMDBEventLog, from position: UInt64, for projections: [any Projection]) async throws -> DecodedChunk? {
        guard let catalog else { return nil }
        return try await DecodedChunk.read(
            log, from: position, limit: chunkSize, for: projections, catalog: catalog, parts: decodingParts)
    }

    /// Rebuilds `name` from position 1 in place. For `pagerlog rebuild`, while no server runs: the
    /// projection answers no queries until it is done.
    public func rebuild(_ name: String, in log: LMDBEventLog) async throws {
        try await rebuild([name], in: log)
    }

    /// Rebuilds every projection of `names` from position 1 in place, in one pass over the log.
    public func rebuild(_ names: [String], in log: LMDBEventLog) async throws {
        let projections = try names.map(projection(named:))
        try await log.write { transaction in
            for projection in projections {
                let record = try ProjectionRecord.load(projection.name, in: transaction)
                for version in Set([record?.servingVersion, record?.buildingVersion, projection.version].compactMap { $0 }) {
                    try Self.empty(projection.name, version: version, in: transaction)
                }
                try ProjectionRecord(buildingVersion: projection.version).save(projection.name, in: transaction)
            }
        }
        try await catchUp(log)
    }

    /// What one step of catching up did: whether every projection now serves at the head, the last
    /// position it folded, and the projections still behind.
    private struct StepOutcome: Sendable {
        let last: UInt64
        let folding: [any Projection]

        var done: Bool { folding.isEmpty }
    }

    /// Runs `body` against the serving version of `name`'s tables, in a read-only snapshot.
    public func read<Result>(
        _ name: String, in log: LMDBEventLog, _ body: (ProjectionReader) throws -> Result
    ) throws -> Result {
        try read([name], in: log) { try body($0[0]) }
    }

    /// Runs `body` against several projections (in the order named) in one snapshot, so that answers
    /// combining them agree with each other.
    public func read<Result>(
        _ names: [String], in log: LMDBEventLog, _ body: ([ProjectionReader]) throws -> Result
    ) throws -> Result {
        for name in names { _ = try projection(named: name) }
        return try log.read { transaction in
            let readers = try names.map { name in
                guard let version = try ProjectionRecord.load(name, in: transaction)?.servingVersion else {
                    throw ProjectionError.notReady(name)
                }
                return ProjectionReader(transaction: transaction, version: version, prefix: ProjectionPaths.prefix(name, version: version))
            }
            return try body(readers)
        }
    }

    public func status(in log: LMDBEventLog) throws -> [ProjectionStatus] {
        try log.read { transaction in
            try projections.map { projection in
                let record = try ProjectionRecord.load(projection.name, in: transaction) ?? ProjectionRecord()
                let state: ProjectionStatus.State = record.buildingVersion.map {
                    .rebuilding(version: $0, position: record.buildingPosition)
                } ?? .serving
                return ProjectionStatus(
                    name: projection.name, version: projection.version, servingVersion: record.servingVersion,
                    position: record.position, state: state)
            }
        }
    }

    /// One chunk of catching up for every projection behind the head, in the writer's transaction: the
    /// `prefetched` events if they start where the projections stand, else a chunk read here.
    private func step(_ log: LMDBEventLog, _ transaction: WriteTransaction, prefetched: DecodedChunk?) throws -> StepOutcome {
        let head = try log.headPosition(in: transaction)
        let expected = prefetched?.events.count ?? chunkSize
        var lanes: [FoldLane] = []
        // Emptied tables are emptied in this transaction only: a snapshot would still see what they held.
        var emptied = false
        for (index, projection) in projections.enumerated() {
            var record = try ProjectionRecord.load(projection.name, in: transaction) ?? ProjectionRecord()
            let isServing = record.isServing(projection.version)
            if !isServing, record.buildingVersion != projection.version {
                // Leftovers of a build that a later version bump abandoned.
                try Self.empty(projection.name, version: projection.version, in: transaction)
                emptied = true
                record.buildingVersion = projection.version
                record.buildingPosition = 0
            }
            let from = record.position(of: projection.version)
            // A serving projection at the head has nothing to fold; one being built folds to switch over.
            guard !isServing || from < head else { continue }
            lanes.append(FoldLane(projection, index: index, record: record, from: from, in: transaction, expecting: expected))
        }
        guard let start = lanes.map(\.position).min() else { return StepOutcome(last: head, folding: []) }
        var last = start
        let folded: [FoldLane]
        if let prefetched, let first = prefetched.events.first, let final = prefetched.events.last, first.position == start + 1 {
            last = final.position
            folded = try fold(prefetched, into: lanes, log, transaction, inSnapshot: !emptied)
        } else {
            var fold = ChunkFold(lanes: lanes, catalog: catalog, routes: routes)
            var count = 0
            try log.forEachEvent(in: transaction, from: start + 1) { event in
                try fold.apply(event)
                last = event.position
                count += 1
                return count < chunkSize
            }
            folded = try fold.finish(at: last)
        }
        var behind: [any Projection] = []
        for lane in folded {
            var record = lane.record
            if record.buildingVersion == nil {
                record.position = lane.position
            } else if lane.position >= head {
                if let old = record.servingVersion, old != lane.projection.version {
                    try Self.empty(lane.projection.name, version: old, in: transaction)
                }
                record = ProjectionRecord(servingVersion: lane.projection.version, position: lane.position)
            } else {
                record.buildingPosition = lane.position
            }
            try record.save(lane.projection.name, in: transaction)
            if record.buildingVersion != nil || record.position < head { behind.append(lane.projection) }
        }
        return StepOutcome(last: last, folding: behind)
    }

    private func projection(named name: String) throws -> any Projection {
        guard let projection = projections.first(where: { $0.name == name }) else { throw ProjectionError.unknown(name) }
        return projection
    }

    /// Empties every table of one version of a projection. The tables themselves stay: a reader's snapshot
    /// may still hold their handles, which LMDB must not hand to another table meanwhile.
    private static func empty(_ name: String, version: UInt32, in transaction: WriteTransaction) throws {
        for tableName in try transaction.tableNames(withPrefix: ProjectionPaths.prefix(name, version: version)) {
            try transaction.removeAll(in: transaction.table(named: tableName))
        }
    }
}
