/// How long an open group commit keeps taking in jobs before it commits.
///
/// A durable commit costs about the same for one event as for sixty-four, so a batch that waits briefly
/// for its group saves whole commits. After a batch of `k` jobs the writer expects `k` again (the callers it
/// just resumed, coming back) and keeps the transaction open for them, running each as it arrives, at most
/// half the time its last commit took, so waiting never costs more than a fraction of what a full group
/// saves. A lone writer (`k` = 1) never waits.
struct GroupCommitLinger {
    /// The batch size worth waiting for.
    private(set) var target = 1
    /// The longest a batch stays open for it.
    private(set) var window = Duration.zero

    private static let longest = Duration.milliseconds(2)

    mutating func record(batchSize: Int, commitTime: Duration) {
        target = batchSize
        window = min(commitTime / 2, Self.longest)
    }
}
