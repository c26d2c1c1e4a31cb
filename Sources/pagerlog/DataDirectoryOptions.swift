import ArgumentParser
import EventStore
import Foundation

/// `--data`, shared by every command that works on a data directory.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory.")
    var data = "./data"

    /// Runs `body` with the log of the data directory and closes it afterwards, whatever happens.
    /// Unless `creating` is set, the directory must already hold a log.
    func withLog<Result>(
        creating: Bool = false, hooks: [any LogHook] = [], _ body: (LMDBEventLog) async throws -> Result
    ) async throws -> Result {
        guard creating || FileManager.default.fileExists(atPath: data + "/data.mdb") else {
            throw ValidationError("no Pagerlog data in \(data)")
        }
        return try await LMDBEventLog.withOpenLog(directory: data, configuration: .init(hooks: hooks), body)
    }
}
