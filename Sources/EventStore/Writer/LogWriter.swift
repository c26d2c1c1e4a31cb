import Foundation
import Synchronization

/// The log's single writer: a thread of its own that drains the write queue, puts every waiting job into
/// one write transaction with the log hooks' changes, commits with one fsync, and only then resumes the
/// callers and publishes the new head.
final class LogWriter: @unchecked Sendable {
    private let environment: LMDBEnvironment
    private let registry: TableRegistry
    private let tables: LogTables
    private let hooks: [any LogHook]
    private let clock: any WallClock
    let callerThreads: (any CallerThreads)?
    private let queue = WriteQueue()
    private let exited = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
    let notifier: HeadNotifier
    /// The head as committed; read and written only on the writer thread.
    private var head: LogHead
    /// How many events the last batch recorded, as the next one's first guess; writer thread only.
    private var lastBatchEvents = 0
    private let scratch = ScratchBuffer()

    init(
        environment: LMDBEnvironment, registry: TableRegistry, tables: LogTables, head: LogHead,
        hooks: [any LogHook], clock: any WallClock, callerThreads: (any CallerThreads)?
    ) {
        self.environment = environment
        self.registry = registry
        self.tables = tables
        self.head = head
        self.hooks = hooks
        self.clock = clock
        self.callerThreads = callerThreads
        notifier = HeadNotifier(head: head.position)
    }

    func start() {
        let thread = Thread { [self] in
            WriterThreadIdentity.adoptForCurrentThread()
            var linger = GroupCommitLinger()
            while let jobs = queue.takeAll() {
                let outcome = process(jobs, gatheringUntil: linger.target, or: .now + linger.window)
                linger.record(
                    batchSize: outcome.batchSize, queuedDuringCommit: outcome.queuedDuringCommit,
                    commitTime: outcome.commitTime)
            }
            finishExit()
        }
        thread.start()
    }

    /// Hands `job` to the writer, or fails it at once if the log is closing.
    func submit(_ job: any WriteJob) {
        if !queue.submit(job) { job.finish(EventStoreError.closed) }
    }

    /// Lets the writer finish the jobs already queued, then waits for its thread to end.
    func stop() async {
        queue.close()
        await withCheckedContinuation { continuation in
            let done = exited.withLock { state in
                if !state.done { state.waiters.append(continuation) }
                return state.done
            }
            if done { continuation.resume() }
        }
        notifier.close()
    }

    private func finishExit() {
        let waiters = exited.withLock { state in
            state.done = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Commits `jobs` together, with any that arrive while the transaction is open until there are
    /// `target` or `deadline` passes. If that fails, commits each job alone so that only the faulty one
    /// fails. The writer resumes the callers itself, or hands them to their caller threads (a resumption
    /// only schedules the caller's task; going through a task of its own first would delay every caller by
    /// a thread wake-up). Returns how many jobs the batch held, how many queued while it committed, and how
    /// long its commit took once they were in.
    private func process(
        _ first: [any WriteJob], gatheringUntil target: Int, or deadline: ContinuousClock.Instant
    ) -> (batchSize: Int, queuedDuringCommit: Int, commitTime: Duration) {
        var jobs = first
        var commitTime = Duration.zero
        var queuedDuringCommit = 0
        do {
            commitTime = try commit(&jobs, gatheringUntil: target, or: deadline)
            queuedDuringCommit = queue.waitingCount
            resumeCallers(of: jobs)
            environment.zeroAhead()
        } catch {
            if jobs.count == 1 {
                jobs[0].finish(error)
            } else {
                for job in jobs { _ = process([job], gatheringUntil: 1, or: .now) }
            }
        }
        return (jobs.count, queuedDuringCommit, commitTime)
    }

    /// Resumes the callers of a committed batch: those with a caller thread together on that thread, the
    /// others from here.
    private func resumeCallers(of jobs: [any WriteJob]) {
        var byThread: [ObjectIdentifier: (thread: any CallerThread, jobs: [any WriteJob])] = [:]
        for job in jobs {
            guard let thread = job.callerThread else {
                job.finish(nil)
                continue
            }
            byThread[ObjectIdentifier(thread), default: (thread, [])].jobs.append(job)
        }
        for (thread, jobs) in byThread.values {
            thread.execute { for job in jobs { job.finish(nil) } }
        }
    }

    /// One group commit; returns the time from its last job to durability. A full map is grown and the
    /// whole batch run again, without gathering more.
    private func commit(
        _ jobs: inout [any WriteJob], gatheringUntil target: Int, or deadline: ContinuousClock.Instant
    ) throws -> Duration {
        var gathering = true
        var gathered = ContinuousClock.now
        while true {
            do {
                let newHead = try environment.write(tables: registry) { transaction in
                    var batch = LogBatch(
                        transaction: transaction, tables: tables, head: head, now: clock.now(), scratch: scratch,
                        expectedEvents: max(lastBatchEvents, target))
                    var next = 0
                    while true {
                        while next < jobs.count {
                            try jobs[next].run(in: &batch)
                            next += 1
                        }
                        guard gathering, jobs.count < target else { break }
                        let more = queue.takeMore(wanted: target - jobs.count, before: deadline)
                        if more.isEmpty { break }
                        jobs += more
                    }
                    gathered = .now
                    if !batch.recorded.isEmpty {
                        for hook in hooks { try hook.apply(batch.recorded, in: transaction) }
                    }
                    lastBatchEvents = batch.recorded.count
                    return batch.head
                }
                head = newHead
                notifier.advance(to: newHead.position)
                return gathered.duration(to: .now)
            } catch let error as EventStoreError where error.isMapFull {
                gathering = false
                try environment.grow()
            }
        }
    }
}
