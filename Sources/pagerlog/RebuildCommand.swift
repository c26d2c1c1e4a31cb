import ArgumentParser
import EventStore
import Projections

/// `pagerlog rebuild`: folds read models again from position 1 (after a bug fix in a projection, say),
/// all of them in one pass over the log.
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
            // Rebuilding catches every other projection up as well: no catching up of its own first.
            let elapsed = try await ContinuousClock().measure { try await models.runner.rebuild(names, in: log) }
            print("rebuilt \(names.joined(separator: ", ")) from \(log.headPosition) events in \(elapsed)")
        }
    }
}
