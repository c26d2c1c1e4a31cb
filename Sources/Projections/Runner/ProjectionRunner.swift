public import EventStore

/// Keeps every projection at the log's head.
///
/// As a `LogHook` it folds each group commit's events into every serving projection inside the same write
/// transaction, so a read model is always exactly at the head. `catchUp` builds what the hook cannot: a
/// projection new to this log, one whose code version changed (into fresh tables, while the old version
/// keeps answering as of when its rebuild began), or one that missed events (a log imported without
/// projections). It works in chunks, each a write transaction of its own, and switches a rebuilt version in
/// the same transaction that catches it up with the head; the old version's tables are then emptied.
public final class ProjectionRunner: LogHook {
    private let projections: [any Projection]
    private let chunkSize: Int

    public init(_ projections: [any Projection], chunkSize: Int = 8_192) throws {
        var names = Set<String>()
        for projection in projections where !names.insert(projection.name).inserted {
            throw ProjectionError.duplicateName(projection.name)
        }
        self.projections = projections
        self.chunkSize = chunkSize
    }

    public func apply(_ events: [RecordedEvent], in transaction: WriteTransaction) throws {
        guard let first = events.first, let last = events.last else { return }
        for projection in projections {
            guard var record = try ProjectionRecord.load(projection.name, in: transaction),
                  record.servingVersion == projection.version, record.buildingVersion == nil,
                  record.position + 1 == first.position
            else { continue }
            let tables = Self.tables(of: projection, version: projection.version, in: transaction)
            for event in events { try projection.apply(event, to: tables) }
            try tables.flush()
            record.position = last.position
            try record.save(projection.name, in: transaction)
        }
    }

    /// The projections' names, in the order they were given.
    public var names: [String] { projections.map(\.name) }

    /// Builds and catches up every projection until each serves its code's version at the log's head.
    public func catchUp(_ log: LMDBEventLog) async throws {
        for projection in projections {
            while try await !log.write({ [self] transaction in try step(projection, log, transaction) }) {}
        }
    }

    /// Rebuilds `name` from position 1 in place. For `pagerlog rebuild`, while no server runs: the
    /// projection answers no queries until it is done.
    public func rebuild(_ name: String, in log: LMDBEventLog) async throws {
        let projection = try self.projection(named: name)
        try await log.write { transaction in
            let record = try ProjectionRecord.load(name, in: transaction)
            for version in Set([record?.servingVersion, record?.buildingVersion, projection.version].compactMap { $0 }) {
                try Self.empty(name, version: version, in: transaction)
            }
            try ProjectionRecord(buildingVersion: projection.version).save(name, in: transaction)
        }
        while try await !log.write({ [self] transaction in try step(projection, log, transaction) }) {}
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

    /// One chunk of catching up, in the writer's transaction; `true` once the projection serves its code's
    /// version at the head.
    private func step(_ projection: any Projection, _ log: LMDBEventLog, _ transaction: WriteTransaction) throws -> Bool {
        var record = try ProjectionRecord.load(projection.name, in: transaction) ?? ProjectionRecord()
        let head = try log.headPosition(in: transaction)
        if record.servingVersion == projection.version, record.buildingVersion == nil {
            guard record.position < head else { return true }
            record.position = try fold(projection, from: record.position, log, transaction)
        } else {
            if record.buildingVersion != projection.version {
                // Leftovers of a build that a later version bump abandoned.
                try Self.empty(projection.name, version: projection.version, in: transaction)
                record.buildingVersion = projection.version
                record.buildingPosition = 0
            }
            record.buildingPosition = try fold(projection, from: record.buildingPosition, log, transaction)
            if record.buildingPosition >= head {
                if let old = record.servingVersion, old != projection.version {
                    try Self.empty(projection.name, version: old, in: transaction)
                }
                record = ProjectionRecord(servingVersion: projection.version, position: record.buildingPosition)
            }
        }
        try record.save(projection.name, in: transaction)
        return record.servingVersion == projection.version && record.buildingVersion == nil && record.position >= head
    }

    /// Folds up to `chunkSize` events after `position` into the code version's tables; returns the last.
    private func fold(
        _ projection: any Projection, from position: UInt64, _ log: LMDBEventLog, _ transaction: WriteTransaction
    ) throws -> UInt64 {
        let tables = Self.tables(of: projection, version: projection.version, in: transaction)
        var last = position
        var count = 0
        try log.forEachEvent(in: transaction, from: position + 1) { event in
            try projection.apply(event, to: tables)
            last = event.position
            count += 1
            return count < chunkSize
        }
        try tables.flush()
        return last
    }

    private func projection(named name: String) throws -> any Projection {
        guard let projection = projections.first(where: { $0.name == name }) else { throw ProjectionError.unknown(name) }
        return projection
    }

    private static func tables(of projection: any Projection, version: UInt32, in transaction: WriteTransaction) -> ProjectionTables {
        ProjectionTables(transaction: transaction, prefix: ProjectionPaths.prefix(projection.name, version: version))
    }

    /// Empties every table of one version of a projection. The tables themselves stay: a reader's snapshot
    /// may still hold their handles, which LMDB must not hand to another table meanwhile.
    private static func empty(_ name: String, version: UInt32, in transaction: WriteTransaction) throws {
        for tableName in try transaction.tableNames(withPrefix: ProjectionPaths.prefix(name, version: version)) {
            try transaction.removeAll(in: transaction.table(named: tableName))
        }
    }
}
