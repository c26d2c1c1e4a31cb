import ArgumentParser
import EventStore
import Projections

/// `pagerlog rebuild`: folds read models again from position 1 (after a bug fix in a projection, say).
struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild read models from the log (all of them, or one). Run it while no server uses the data directory."
    )

    @OptionGroup var directory: DataDirectoryOptions

    @Option(help: "Rebuild only this projection.")
    var projection: String?

    func run() async throws {
        let models = try ReadModels()
        let names = projection.map { [$0] } ?? models.runner.names
        guard names.allSatisfy(models.runner.names.contains) else {
            throw ValidationError("no projection is called '\(projection ?? "")'; there are \(models.runner.names.joined(separator: ", "))")
        }
        try await directory.withLog(hooks: [models.runner]) { log in
            try await models.runner.catchUp(log)
            for name in names {
                let clock = ContinuousClock()
                let elapsed = try await clock.measure { try await models.runner.rebuild(name, in: log) }
                print("rebuilt \(name) from \(log.headPosition) events in \(elapsed)")
            }
        }
    }
}
