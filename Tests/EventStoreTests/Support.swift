import EventStore
import Fixtures
import Foundation

/// Runs `body` with a fresh log in a temporary directory, then closes and removes it.
func withTemporaryLog<Result>(
    _ configuration: LMDBEventLog.Configuration = .init(),
    _ body: (LMDBEventLog, ScratchDirectory) async throws -> Result
) async throws -> Result {
    let directory = ScratchDirectory()
    defer { directory.remove() }
    return try await LMDBEventLog.withOpenLog(directory: directory.path, configuration: configuration) { log in
        try await body(log, directory)
    }
}

/// A small event with a JSON payload.
func event(_ type: String = "test.happened", id: UUID = .timeOrdered(), payload: String = #"{"n":1}"#) -> ProposedEvent {
    ProposedEvent(id: id, type: type, organization: "org-1", actor: "test", payload: Data(payload.utf8))
}

/// Reads exported lines back, numbering them from 1.
func parseExport(_ lines: [String]) throws -> [(line: Int, event: RecordedEvent)] {
    try lines.enumerated().map { index, line in
        (line: index + 1, event: try EventArchive.event(fromLine: Array(line.utf8), number: index + 1))
    }
}

/// Every event of the log, in order.
func allEvents(_ log: LMDBEventLog) throws -> [RecordedEvent] {
    try log.events(from: 1, limit: .max)
}
