/// How long an open group commit keeps taking in jobs before it commits.
///
/// A durable commit costs about the same for one event as for sixty-four, so a batch that waits briefly
/// for its group saves whole commits. After committing `k` jobs while `w` more queued up, the writer
/// expects `k + w` (the callers it just resumed coming back, and the ones already waiting) and keeps the
/// next transaction open for them, running each as it arrives, at most half the time its last commit took,
/// so waiting never costs more than a fraction of what a full group saves. A lone writer never waits.
struct GroupCommitLinger {
    /// The batch size worth waiting for.
    private(set) var target = 1
    /// The longest a batch stays open for it.
    private(set) var window = Duration.zero

    private static let longest = Duration.milliseconds(2)

    mutating func record(batchSize: Int, queuedDuringCommit: Int, commitTime: Duration) {
        target = batchSize + queuedDuringCommit
        window = min(commitTime / 2, Self.longest)
    }
}
