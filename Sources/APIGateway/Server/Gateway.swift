public import EventStore
public import Projections
import Synchronization

/// What every handler works with: the log to append commands' events to, the read models to answer from,
/// the clock, and the settings. Reads come from projections only; writes are appends only.
public final class Gateway: Sendable {
    let log: LMDBEventLog
    let models: ReadModels
    let clock: any WallClock
    let settings: GatewaySettings
    private let numbers = NumberAllocator()
    let serverKeys = ServerKeyCache()
    /// Hot Potato's notification answers, by organization and number.
    let renderedNotifications = RenderedRecordCache<ScopedNumber>()
    /// Values that must stay unique, held from the check to the append.
    let uniqueValues = KeyedSerializer()

    public init(log: LMDBEventLog, models: ReadModels, clock: any WallClock = SystemWallClock(), settings: GatewaySettings = .init()) {
        self.log = log
        self.models = models
        self.clock = clock
        self.settings = settings
    }

    /// Runs `body` against the named projections, in one snapshot.
    func read<Result>(_ names: [String], _ body: ([ProjectionReader]) throws -> Result) throws -> Result {
        try models.runner.read(names, in: log, body)
    }

    func directory<Result>(_ body: (DirectoryQueries) throws -> Result) throws -> Result {
        try read(["directory"]) { try body(DirectoryQueries($0[0])) }
    }

    /// Appends `events` as one batch; answers once they are durable and every projection has them.
    @discardableResult
    func append(
        _ events: [any DomainEvent], to stream: String, expectedVersion: ExpectedVersion = .any, _ metadata: EventMetadata
    ) async throws -> AppendResult {
        let proposed = try events.map { try models.catalog.proposed($0, metadata) }
        return try await log.append(proposed, to: stream, expectedVersion: expectedVersion)
    }

    /// Creates an entity that Hot Potato shows by number: takes the next number of `kind`, and appends
    /// `make(number)` as the first events of the stream `kind-number`. The log refuses a second creation
    /// under one number, so if the allocator was ever wrong, the number is taken afresh from the projection.
    func appendNumbered(
        _ kind: String, highest: () throws -> Int64, _ metadata: EventMetadata,
        make: (Int64) throws -> [any DomainEvent]
    ) async throws -> (number: Int64, result: AppendResult) {
        for _ in 0..<3 {
            let number = try numbers.next(kind, highest: highest)
            do {
                return (number, try await append(make(number), to: "\(kind)-\(number)", expectedVersion: .noStream, metadata))
            } catch EventStoreError.wrongExpectedVersion {
                numbers.forget(kind)
            }
        }
        throw GatewayError(.serviceUnavailable, "could not number the new \(kind); try again")
    }

    func newID(_ prefix: String) throws -> TypeID {
        guard let id = TypeID.make(prefix, at: clock.now()) else {
            throw GatewayError(.internalServerError, "cannot make an id of kind \(prefix)")
        }
        return id
    }
}

/// An entity's Hot Potato number within the organization that asks for it.
struct ScopedNumber: Hashable, Sendable {
    let organization: TypeID
    let number: Int64

    init(_ organization: TypeID, _ number: Int64) {
        self.organization = organization
        self.number = number
    }
}

/// Hands out the next number of each kind of numbered entity, one process-wide sequence per kind (one
/// server owns a data directory), starting after the highest number the read models know.
private final class NumberAllocator: Sendable {
    private let highest = Mutex<[String: Int64]>([:])

    func next(_ kind: String, highest known: () throws -> Int64) throws -> Int64 {
        try highest.withLock { highest in
            let next = try (highest[kind] ?? known()) + 1
            highest[kind] = next
            return next
        }
    }

    func forget(_ kind: String) {
        highest.withLock { _ = $0.removeValue(forKey: kind) }
    }
}
