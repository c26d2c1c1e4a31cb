/// A unit of work for the writer thread, done inside a batch's write transaction.
///
/// A job that refuses its input (a version conflict, a duplicate) records the refusal and returns
/// without writing; throwing instead aborts the whole transaction, after which the writer runs each
/// job of the batch on its own so that only the one at fault fails.
protocol WriteJob: AnyObject, Sendable {
    func run(in batch: inout LogBatch) throws

    /// Resumes the caller: with the job's own outcome if `error` is `nil` (its batch committed), or with `error`.
    func finish(_ error: (any Error)?)

    /// The thread to resume the caller on after a commit (see `CallerThreads`); `nil` to resume it from the
    /// writer.
    var callerThread: (any CallerThread)? { get }
}

extension WriteJob {
    var callerThread: (any CallerThread)? { nil }
}
