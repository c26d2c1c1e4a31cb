import ArgumentParser
import EventStore
import Foundation
import Projections

/// `pagerlog replay --until`: the paging history as it stood at a time or position, for audits.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Fold the log up to a time or position into a scratch directory and print the paging history as it stood then."
    )

    @OptionGroup var directory: DataDirectoryOptions

    @Option(help: "The last position to include, or an ISO 8601 time (UTC): events recorded after it are left out.")
    var until: String

    @Flag(help: "Print the notifications as JSON, one per line.")
    var json = false

    /// Events per import transaction.
    private static let chunkSize = 2_048

    func run() async throws {
        let limit = try ReplayLimit(until)
        let scratch = NSTemporaryDirectory() + "pagerlog-replay-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let models = try ReadModels()
        try await directory.withLog { source in
            try await LMDBEventLog.withOpenLog(directory: scratch, configuration: .init(hooks: [models.runner])) { replica in
                try await models.runner.catchUp(replica)
                try await Self.copy(from: source, to: replica, until: limit)
                try PagingHistory(models: models, log: replica, json: json).print()
            }
        }
    }

    /// Copies every event within `limit`, exactly, so that the replica's read models are the source's as of then.
    private static func copy(from source: LMDBEventLog, to replica: LMDBEventLog, until limit: ReplayLimit) async throws {
        var next: UInt64 = 1
        while true {
            let events = try source.events(from: next, limit: chunkSize).prefix { limit.includes($0) }
            guard let last = events.last else { return }
            try await replica.importEvents(events.map { (line: Int($0.position), event: $0) })
            next = last.position + 1
        }
    }
}

/// Where a replay stops: after a position, or after a time.
enum ReplayLimit {
    case position(UInt64)
    case time(Timestamp)

    init(_ text: String) throws {
        if let position = UInt64(text) {
            self = .position(position)
        } else if let time = Timestamp(iso8601: text) {
            self = .time(time)
        } else {
            throw ValidationError("--until takes a position or an ISO 8601 time such as 2026-11-23T03:12:00Z, not '\(text)'")
        }
    }

    func includes(_ event: RecordedEvent) -> Bool {
        switch self {
        case .position(let position): event.position <= position
        case .time(let time): event.recordedAt <= time
        }
    }
}
