import EventStore
import Foundation
import Testing

@Suite("The writer thread as the system sees it")
struct WriterThreadTests {
    #if os(Linux)
    @Test("the writer is listed as pagerlog-writer, in the batch scheduling class that never preempts an event loop")
    func identity() async throws {
        try await withTemporaryLog { log, _ in
            _ = try await log.append([event()], to: "stream")
            // Other tests' logs may have writers of their own running meanwhile.
            let writers = try threads().filter { $0.name == "pagerlog-writer" }
            #expect(!writers.isEmpty)
            #expect(writers.allSatisfy { $0.policy == 3 })  // SCHED_BATCH, which `ps -L -o cls` shows as "B"
        }
    }

    /// This process's threads: name and scheduling policy, from `/proc/self/task/<tid>/stat`. A thread that
    /// ends between the listing and the reading (another test's writer, say) is left out.
    private func threads() throws -> [(name: String, policy: Int)] {
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
        return try tasks.compactMap { tid in
            guard let stat = try? String(contentsOfFile: "/proc/self/task/\(tid)/stat", encoding: .utf8),
                  let comm = try? String(contentsOfFile: "/proc/self/task/\(tid)/comm", encoding: .utf8)
            else { return nil }
            let name = comm.trimmingCharacters(in: .newlines)
            // The fields after the name in parentheses, from the third (state) on; the policy is the 41st.
            let fields = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...].split(separator: " ")
            try #require(fields.count > 41 - 3)
            return (name, try #require(Int(fields[41 - 3])))
        }
    }
    #endif
}
