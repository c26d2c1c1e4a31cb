import ArgumentParser
import EventStore
import Fixtures
import Foundation
import Synchronization

/// `pagerlog-bench crash-test`: `kill -9`s an appending child at random moments and proves that every
/// append it acknowledged survived, and that the log is whole.
struct CrashTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-test",
        abstract: "Kill -9 a child appending with concurrent appenders, several rounds; check nothing acknowledged is lost."
    )

    @Option(help: "Kill-and-check rounds, all on the same data directory.")
    var rounds = 10

    @Option(help: "Concurrent appenders in the child.")
    var appenders = 32

    @Option(help: "The longest a child runs before it is killed, in seconds.")
    var maxSeconds = 1.5

    struct Lost: Error, CustomStringConvertible {
        let description: String
    }

    func run() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        var acknowledged = 0
        var problems: [String] = []
        for round in 1...rounds {
            let acks = try runChild(data: directory.path, for: Double.random(in: 0.2...max(0.3, maxSeconds)))
            acknowledged += acks.count
            let roundProblems = try await check(acks, in: directory.path)
            problems += roundProblems.map { "round \(round): \($0)" }
            print("round \(round): \(acks.count) acknowledged, \(roundProblems.count) lost")
        }
        print("crash-test: \(rounds) rounds, \(acknowledged) acknowledged, \(problems.count) lost")
        guard problems.isEmpty, acknowledged > 0 else {
            problems.prefix(20).forEach { print($0) }
            throw Lost(description: acknowledged == 0 ? "the child acknowledged nothing" : "\(problems.count) problems")
        }
    }

    /// Starts the child, kills it with SIGKILL after `seconds`, and returns what it acknowledged.
    private func runChild(data: String, for seconds: Double) throws -> [(position: UInt64, id: UUID)] {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["crash-child", "--data", data, "--appenders", "\(appenders)"]
        let output = Pipe()
        child.standardOutput = output
        let collected = Mutex(Data())
        let reader = Thread {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            collected.withLock { $0 = data }
        }
        try child.run()
        reader.start()
        Thread.sleep(forTimeInterval: seconds)
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        try? output.fileHandleForWriting.close()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        let text = collected.withLock { String(decoding: $0, as: UTF8.self) }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            // A line cut off by the kill is not an acknowledgement the child finished telling.
            guard fields.count == 3, fields[0] == "ACK", let position = UInt64(fields[1]),
                  let id = UUID(uuidString: String(fields[2]))
            else { return nil }
            return (position, id)
        }
    }

    /// Everything acknowledged is there, at its position; the chain and indexes are whole.
    private func check(_ acks: [(position: UInt64, id: UUID)], in data: String) async throws -> [String] {
        try await LMDBEventLog.withOpenLog(directory: data) { log in
            var problems: [String] = []
            for (position, id) in acks where try log.event(at: position)?.id != id {
                problems.append("acknowledged event \(id) at position \(position) is missing")
            }
            let report = try log.verify()
            if let failure = report.firstBreak {
                problems.append("verify: broken at \(failure.position): \(failure.reason)")
            }
            if report.eventsChecked != log.headPosition {
                problems.append("verify checked \(report.eventsChecked) events of \(log.headPosition)")
            }
            return problems
        }
    }
}
