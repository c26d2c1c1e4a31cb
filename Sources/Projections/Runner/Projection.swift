public import EventStore

/// A read model: a pure fold of the log into tables of its own.
///
/// `apply` sees one event and the projection's tables, nothing else: no clock, no randomness, no I/O, so
/// that live traffic, a full rebuild and an as-of replay produce the same tables. Its tables live under
/// `proj/<name>/v<version>/`; changing what `apply` writes means bumping `version`, after which the
/// projection is rebuilt from position 1 into fresh tables while the old ones keep answering queries.
public protocol Projection: Sendable {
    var name: String { get }
    var version: UInt32 { get }
    func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws
}
