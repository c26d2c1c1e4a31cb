/// A record with one key of its own in an index table, derived from the record alone: a server's
/// heartbeat state and its deadline, say, so that overdue servers are one short scan.
///
/// A fold changes such a record many times a batch (a busy server's state with every heartbeat); the
/// batch's `RecordCache` remembers where the stored record has its index key and moves it once, when the
/// batch is written, from there to where the record's last value has it — instead of deleting and putting
/// an index key for every change.
protocol IndexedRecord: Codable {
    /// The record's key in its index, given the record's own key; `nil` when it has none there.
    func indexKey(recordKey: [UInt8]) -> [UInt8]?
}
