import ArgumentParser
import EventStore
import Foundation

/// `pagerlog-bench crash-child`: appends until killed, printing `ACK <position> <event id>` for every
/// append the log has acknowledged as durable. The crash test's victim.
struct CrashChild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-child",
        abstract: "Append forever with concurrent appenders, acknowledging each durable append on stdout.",
        shouldDisplay: false
    )

    @Option var data: String
    @Option var appenders = 32

    func run() async throws {
        let log = try LMDBEventLog.open(directory: data)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for appender in 0..<appenders {
                group.addTask {
                    var sequence = 0
                    while true {
                        sequence += 1
                        let event = ProposedEvent(
                            type: "crash.appended", actor: "crash-child", payload: Data(#"{"appender":\#(appender),"sequence":\#(sequence)}"#.utf8))
                        let recorded = try await log.append([event], to: "crash-\(appender)").events[0]
                        Self.acknowledge("ACK \(recorded.position) \(recorded.id.uuidString)\n")
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// One `write(2)` per line: atomic on a pipe, so lines of concurrent appenders never interleave.
    private static func acknowledge(_ line: String) {
        var line = line
        line.withUTF8 { bytes in _ = write(STDOUT_FILENO, bytes.baseAddress, bytes.count) }
    }
}
