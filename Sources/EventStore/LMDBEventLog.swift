public import Foundation
import Synchronization

/// The event log on LMDB: one environment in a data directory, written by a single group-committing
/// writer thread and read by any number of concurrent snapshot readers.
public final class LMDBEventLog: EventLog {
    /// How to open a log.
    public struct Configuration: Sendable {
        /// The memory map's size at first; it doubles whenever it fills.
        public var initialMapSize: Int
        /// How many named tables the environment can hold (the log's and the projections').
        public var maxTables: UInt32
        /// Stamps `recorded-at`.
        public var clock: any WallClock
        /// Called inside every write transaction with the events it recorded (see `LogHook`).
        public var hooks: [any LogHook]
        /// The threads to resume appenders on (see `CallerThreads`); `nil` resumes them from the writer.
        public var callerThreads: (any CallerThreads)?

        public init(
            initialMapSize: Int = 256 << 20, maxTables: UInt32 = 512, clock: any WallClock = SystemWallClock(),
            hooks: [any LogHook] = [], callerThreads: (any CallerThreads)? = nil
        ) {
            self.initialMapSize = initialMapSize
            self.maxTables = maxTables
            self.clock = clock
            self.hooks = hooks
            self.callerThreads = callerThreads
        }
    }

    public let directory: String
    /// Held for the log's lifetime: released when it is closed (or the process ends).
    private let lock: Mutex<DirectoryLock?>
    private let environment: LMDBEnvironment
    private let registry: TableRegistry
    private let tables: LogTables
    private let writer: LogWriter

    /// Opens the log in `directory`, creating the directory and an empty log if there is none.
    /// Refuses a directory that holds anything else.
    public static func open(
        directory: String, configuration: Configuration = Configuration()
    ) throws -> LMDBEventLog {
        try DataDirectory.prepare(directory)
        let lock = try DirectoryLock(directory: directory)
        let environment = try LMDBEnvironment(
            directory: directory, initialMapSize: configuration.initialMapSize, maxTables: configuration.maxTables)
        do {
            let registry = TableRegistry()
            let tables = try environment.write(tables: registry) { transaction in
                let tables = try LogTables.open(in: transaction, directory: directory)
                // Readers find a table only once a write transaction has opened it: open them all now.
                for name in try transaction.tableNames(withPrefix: "") { _ = try transaction.table(named: name) }
                return tables
            }
            let last = try environment.read { handle in
                try LogReader(transaction: ReadTransaction(handle: handle, tables: registry, opened: nil), tables: tables).lastEvent()
            }
            let writer = LogWriter(
                environment: environment, registry: registry, tables: tables, head: last.map(LogHead.init(after:)) ?? .empty,
                hooks: configuration.hooks, clock: configuration.clock, callerThreads: configuration.callerThreads)
            writer.start()
            return LMDBEventLog(
                directory: directory, lock: lock, environment: environment, registry: registry, tables: tables,
                writer: writer)
        } catch {
            environment.close()
            throw error
        }
    }

    /// Opens the log in `directory`, runs `body` with it, and closes it afterwards, whatever happens.
    public static func withOpenLog<Result>(
        directory: String, configuration: Configuration = Configuration(),
        _ body: (LMDBEventLog) async throws -> Result
    ) async throws -> Result {
        let log = try open(directory: directory, configuration: configuration)
        do {
            let result = try await body(log)
            await log.close()
            return result
        } catch {
            await log.close()
            throw error
        }
    }

    private init(
        directory: String, lock: DirectoryLock, environment: LMDBEnvironment, registry: TableRegistry,
        tables: LogTables, writer: LogWriter
    ) {
        self.directory = directory
        self.lock = Mutex(lock)
        self.environment = environment
        self.registry = registry
        self.tables = tables
        self.writer = writer
    }

    /// Finishes the writes already queued, then closes the environment. Later calls fail with `.closed`.
    public func close() async {
        await writer.stop()
        environment.close()
        lock.withLock { $0 = nil }
    }

    // MARK: Writing

    public func append(
        _ events: [ProposedEvent], to stream: String, expectedVersion: ExpectedVersion
    ) async throws -> AppendResult {
        try AppendValidation.check(events, stream: stream)
        return try await withUnsafeThrowingContinuation { continuation in
            writer.submit(AppendJob(
                stream: stream, events: events, expectedVersion: expectedVersion, continuation: continuation,
                callerThread: writer.callerThreads?.current()))
        }
    }

    /// Runs `body` in the write transaction of the next group commit, atomically with it.
    public func write<Output: Sendable>(
        _ body: @escaping @Sendable (WriteTransaction) throws -> Output
    ) async throws -> Output {
        try await withUnsafeThrowingContinuation { continuation in
            writer.submit(TransactionJob(body: body, continuation: continuation))
        }
    }

    /// Writes events exported from another log back exactly as they were (see `EventArchive`). The first
    /// must follow this log's head; every hash must match the chain. One transaction: all or nothing.
    public func importEvents(_ events: [(line: Int, event: RecordedEvent)]) async throws {
        try await withUnsafeThrowingContinuation { continuation in
            writer.submit(ImportJob(events: events, continuation: continuation))
        }
    }

    // MARK: Reading

    /// Runs `body` in a read-only snapshot of every table.
    public func read<Result>(_ body: (ReadTransaction) throws -> Result) throws -> Result {
        try environment.read { try body(ReadTransaction(handle: $0, tables: registry, opened: nil)) }
    }

    public var headPosition: UInt64 { writer.notifier.head }

    /// The memory map's current size, in bytes.
    public var mapSize: Int { environment.mapSize }

    public func events(from position: UInt64, limit: Int) throws -> [RecordedEvent] {
        try readLog { log in
            var events: [RecordedEvent] = []
            try log.forEach(from: position) { event in
                events.append(consume event)
                return events.count < limit
            }
            return events
        }
    }

    /// Calls `body` with every event from `position` on, until it returns `false`: the fast path for
    /// rebuilds and verification. It reads in bounded snapshots, so memory stays flat however long the log.
    public func forEachEvent(from position: UInt64 = 1, _ body: (RecordedEvent) throws -> Bool) throws {
        var next = max(position, 1)
        var more = true
        while more {
            var count = 0
            try readLog { log in
                try log.forEach(from: next) { event in
                    count += 1
                    next = event.position + 1
                    more = try body(event)
                    return more && count < Self.snapshotPageSize
                }
            }
            if count < Self.snapshotPageSize { return }
        }
    }

    /// Calls `body` with every event from `position` on, as `transaction` sees the log, until it returns
    /// `false`: for work that must read the log exactly as of its own write (a projection's rebuild step).
    public func forEachEvent<Access>(
        in transaction: Transaction<Access>, from position: UInt64, _ body: (RecordedEvent) throws -> Bool
    ) throws {
        try LogReader(transaction: transaction, tables: tables).forEach(from: position, body)
    }

    /// The position of the last event as `transaction` sees the log; 0 when it is empty.
    public func headPosition<Access>(in transaction: Transaction<Access>) throws -> UInt64 {
        var head: UInt64 = 0
        try transaction.scan(tables.events, from: nil, direction: .backward) { key, _ in
            head = try LogTables.position(in: key)
            return false
        }
        return head
    }

    public func events(
        inStream stream: String, from version: UInt64?, direction: ScanDirection, limit: Int
    ) throws -> [RecordedEvent] {
        try readLog { try $0.events(inStream: stream, from: version, direction: direction, limit: limit) }
    }

    public func event(at position: UInt64) throws -> RecordedEvent? {
        try readLog { try $0.event(at: position) }
    }

    public func event(id: UUID) throws -> RecordedEvent? {
        try readLog { try $0.event(id: id) }
    }

    /// The current version of `stream`; 0 when it has no events.
    public func version(ofStream stream: String) throws -> UInt64 {
        try read { try version(ofStream: stream, in: $0) }
    }

    /// The version of `stream` as `transaction` sees the log: with a read model read in the same snapshot,
    /// what an append's expected version checks that the read is still current.
    public func version<Access>(ofStream stream: String, in transaction: Transaction<Access>) throws -> UInt64 {
        try LogReader(transaction: transaction, tables: tables).head(of: stream)?.version ?? 0
    }

    public func waitForHead(beyond position: UInt64) async -> Bool {
        await writer.notifier.wait(beyond: position)
    }

    /// Walks the whole log, checking positions, the hash chain and both indexes (see `LogVerifier`).
    public func verify() throws -> VerificationReport {
        try LogVerifier(log: self, tables: tables).run()
    }

    private static let snapshotPageSize = 16_384

    func readLog<Result>(_ body: (LogReader<ReadOnly>) throws -> Result) throws -> Result {
        try read { try body(LogReader(transaction: $0, tables: tables)) }
    }
}
