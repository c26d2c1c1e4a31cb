/// Code that must change in the same transaction as the events that cause the change: the projections.
///
/// The writer calls every hook once per group commit, inside its write transaction, with the events the
/// batch has just recorded. Whatever a hook writes commits with them, under the same fsync, so a read
/// model is always exactly at the log's head. A hook that throws aborts the batch.
public protocol LogHook: Sendable {
    func apply(_ events: [RecordedEvent], in transaction: WriteTransaction) throws
}
