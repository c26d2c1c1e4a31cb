import Foundation
import Synchronization

/// Watches this process's memory from /proc: the peak resident set (which includes the pages of the
/// log's memory map that were touched) and the peak of anonymous memory alone (the heap: what would
/// grow if the code buffered the log).
final class MemorySampler: Sendable {
    private let peakAnonymousKB = Mutex<Int>(0)
    private let running = Mutex(true)

    /// Starts sampling every 10 ms on a thread of its own.
    init() {
        let thread = Thread { [self] in
            while running.withLock({ $0 }) {
                sample()
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        thread.start()
    }

    func stop() {
        sample()
        running.withLock { $0 = false }
    }

    /// The highest anonymous resident memory seen, in MiB.
    var peakAnonymousMB: Double { Double(peakAnonymousKB.withLock { $0 }) / 1024 }

    /// The kernel's high-water mark of the resident set, in MiB.
    static var peakResidentMB: Double { Double(status("VmHWM") ?? 0) / 1024 }

    static var anonymousMB: Double { Double(anonymousKB ?? 0) / 1024 }

    private func sample() {
        let current = MemorySampler.anonymousKB ?? 0
        peakAnonymousKB.withLock { $0 = max($0, current) }
    }

    /// Resident pages not backed by a file (the heap), from /proc/self/statm: it is a few numbers, so that
    /// sampling it every 10 ms takes no CPU the benchmark would miss, where /proc/self/status would.
    private static var anonymousKB: Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let pages = text.split(separator: " ").dropFirst().prefix(2).compactMap { Int($0) }
        guard pages.count == 2 else { return nil }
        return (pages[0] - pages[1]) * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
    }

    /// A `kB` field of /proc/self/status.
    private static func status(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }
}
