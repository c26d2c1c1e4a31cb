import ArgumentParser
import EventStore

/// `pagerlog verify`: proves the log is whole, or names the first position where it is not.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the hash chain and indexes of the whole log; exit 1 at the first break."
    )

    @OptionGroup var directory: DataDirectoryOptions

    func run() async throws {
        let report = try await directory.withLog { try $0.verify() }
        if let failure = report.firstBreak {
            print("broken at position \(failure.position): \(failure.reason)")
            print("\(report.eventsChecked) events intact before it, last hash \(report.lastHash.hex)")
            throw ExitCode(1)
        }
        print("intact: \(report.eventsChecked) events, last hash \(report.lastHash.hex)")
    }
}
