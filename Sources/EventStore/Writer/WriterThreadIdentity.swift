import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How the writer thread presents itself to the kernel: by name, and as a batch thread.
///
/// The writer wakes several times a group commit — for its first job, for latecomers, after each sync — and
/// each time the kernel's default policy lets it preempt whichever thread is running, usually an event loop
/// in the middle of the requests that feed it. A `SCHED_BATCH` thread gets the same share of the CPU but
/// never preempts on waking; it runs when the running thread blocks or its slice ends. That can hold a group
/// commit back by what is left of a loop's slice, and spares the loops a context switch and their caches at
/// every wake-up: measured, a heartbeat costs a tenth less CPU and the server serves a few percent more
/// (PERFORMANCE.md, stop 25).
enum WriterThreadIdentity {
    /// The name `ps -L`, `top -H` and `perf` show for the writer (the kernel keeps 15 bytes).
    static let name = "pagerlog-writer"

    #if os(Linux)
    /// `SCHED_BATCH` of `<sched.h>`, which Swift's Glibc module leaves out (it is behind `_GNU_SOURCE`);
    /// part of Linux's ABI since 2.6.16.
    private static let batchPolicy: Int32 = 3
    #endif

    /// Names the calling thread and makes it a batch thread. Either may fail (a system without the policy,
    /// a sandbox that forbids it); the thread then keeps the default, which is only slower.
    static func adoptForCurrentThread() {
        // Foundation names the system thread only when the thread names itself.
        Thread.current.name = name
        #if os(Linux)
        var parameters = sched_param()
        parameters.sched_priority = 0
        _ = sched_setscheduler(0, batchPolicy, &parameters)
        #endif
    }
}
