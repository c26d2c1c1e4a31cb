/// One projection as an operator sees it (`GET /v1/projections`).
public struct ProjectionStatus: Sendable, Equatable {
    /// Whether the projection answers from the version the code defines, or is still building it.
    public enum State: Sendable, Equatable {
        /// Answering queries at the log's head (or catching up to it).
        case serving
        /// Building `version` from the log, at `position`; `servingVersion` answers meanwhile, if any.
        case rebuilding(version: UInt32, position: UInt64)
    }

    public let name: String
    /// The version the code defines.
    public let version: UInt32
    /// The version whose tables answer queries; `nil` before a new projection's first build completes.
    public let servingVersion: UInt32?
    /// How far the serving version has folded the log.
    public let position: UInt64
    public let state: State
}

/// What the projection runner refuses.
public enum ProjectionError: Error, Equatable, CustomStringConvertible {
    case unknown(String)
    case duplicateName(String)
    /// The projection has no serving version yet: its first build has not finished.
    case notReady(String)
    /// A schedule names a time zone this machine's time-zone database does not know.
    case unknownTimeZone(String)
    /// The catalog's record of a projection is not the 24 bytes it writes.
    case corruptCatalog(String)
    /// A fold run in a read-only snapshot needed the write transaction (a table it writes directly, or
    /// one not created yet): the writer folds it again itself. Never seen outside the runner.
    case foldNeedsWriter(String)

    public var description: String {
        switch self {
        case .unknown(let name): "no projection is called '\(name)'"
        case .duplicateName(let name): "two projections are called '\(name)'"
        case .notReady(let name): "projection '\(name)' is still being built"
        case .unknownTimeZone(let zone): "unknown time zone '\(zone)'"
        case .corruptCatalog(let name): "the catalog's record of projection '\(name)' is damaged"
        case .foldNeedsWriter(let table): "a fold of '\(table)' needs the write transaction"
        }
    }
}
