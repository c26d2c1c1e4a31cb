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
    /// Whether `apply` does anything with events of `type`: the runner hands a projection only those.
    func handles(_ type: String) -> Bool
    func apply(_ event: RecordedEvent, to tables: ProjectionTables) throws
}

extension Projection {
    /// Every event, by default.
    public func handles(_ type: String) -> Bool { true }
}

/// A projection of Pagerlog's own domain events: it names the event types it folds, which are the ones
/// the catalog must know and the only ones the runner hands it.
public protocol DomainProjection: Projection {
    static var events: [any DomainEvent.Type] { get }
}

extension DomainProjection {
    public func handles(_ type: String) -> Bool {
        Self.events.contains { $0.eventType == type }
    }
}
