/// The threads a log's callers run on, for the writer to hand each finished append back to its caller's
/// thread.
///
/// The writer thread resumes every caller of a group commit. Resumed from there, a caller's task goes to
/// whichever thread its executor picks: for a server whose executor is its event loops, often a loop other
/// than the one serving the connection, and a cross-thread wake-up for every caller. A server that names its
/// threads here has the writer resume the callers of each thread together, on that thread: one hand-over per
/// thread and commit, and every caller carries on where it was.
public protocol CallerThreads: Sendable {
    /// The thread the calling code runs on, if it is one of these; `nil` otherwise.
    func current() -> (any CallerThread)?
}

/// One of the `CallerThreads`.
public protocol CallerThread: AnyObject, Sendable {
    /// Runs `work` on this thread, soon.
    func execute(_ work: @escaping @Sendable () -> Void)
}
