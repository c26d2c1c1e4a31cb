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
    private let queue = WriteQueue()
    private let exited = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
    let notifier: HeadNotifier
    /// The head as committed; read and written only on the writer thread.
    private var head: LogHead
    private let scratch = ScratchBuffer()

    init(
        environment: LMDBEnvironment, registry: TableRegistry, tables: LogTables, head: LogHead,
        hooks: [any LogHook], clock: any WallClock
    ) {
        self.environment = environment
        self.registry = registry
        self.tables = tables
        self.head = head
        self.hooks = hooks
        self.clock = clock
        notifier = HeadNotifier(head: head.position)
    }

    func start() {
        let thread = Thread { [self] in
            while let jobs = queue.takeAll() { process(jobs) }
            finishExit()
        }
        thread.name = "pagerlog-log-writer"
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

    /// Commits `jobs` together; if that fails, commits each alone so that only the faulty one fails.
    private func process(_ jobs: [any WriteJob]) {
        do {
            try commit(jobs)
            for job in jobs { job.finish(nil) }
        } catch {
            guard jobs.count > 1 else { return jobs[0].finish(error) }
            for job in jobs { process([job]) }
        }
    }

    /// One group commit. A full map is grown and the whole batch run again.
    private func commit(_ jobs: [any WriteJob]) throws {
        while true {
            do {
                let newHead = try environment.write(tables: registry) { transaction in
                    var batch = LogBatch(
                        transaction: transaction, tables: tables, head: head, now: clock.now(), scratch: scratch)
                    for job in jobs { try job.run(in: &batch) }
                    if !batch.recorded.isEmpty {
                        for hook in hooks { try hook.apply(batch.recorded, in: transaction) }
                    }
                    return batch.head
                }
                head = newHead
                notifier.advance(to: newHead.position)
                return
            } catch let error as EventStoreError where error.isMapFull {
                try environment.grow()
            }
        }
    }
}
