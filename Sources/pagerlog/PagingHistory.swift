import EventStore
import Foundation
import Projections

/// The paging history of a log, as text for people or as JSON lines for tools: every notification, whom
/// it went to, who was skipped and why, every page with its delivery receipts, and who acknowledged.
struct PagingHistory {
    let models: ReadModels
    let log: LMDBEventLog
    let json: Bool

    func print() throws {
        let sink = try OutputSink(path: nil)
        try models.runner.read(["notifications", "directory"], in: log) { readers in
            let directory = DirectoryQueries(readers[1])
            var count = 0
            try NotificationQueries(readers[0]).forEachNotification { record in
                count += 1
                if json {
                    sink.write(String(decoding: try JSONEncoder().encode(record), as: UTF8.self))
                } else {
                    for line in try describe(record, directory) { sink.write(line) }
                }
                return true
            }
            if !json { sink.write("\(count) notification\(count == 1 ? "" : "s") up to position \(log.headPosition)") }
        }
        try sink.finish()
    }

    private func describe(_ record: NotificationRecord, _ directory: DirectoryQueries) throws -> [String] {
        let created = record.notification
        let organization = created.organizationID
        func person(_ id: TypeID?) throws -> String {
            guard let id else { return "nobody" }
            return try directory.user(id, in: organization).map { "\($0.name) (\(id))" } ?? id.description
        }
        var lines = [
            "notification \(created.number): \(created.kind) \(created.troubleCode) on \(created.hostname)"
                + (created.serviceName.isEmpty ? "" : "/\(created.serviceName)") + " \(created.state)"
                + ", created \(record.createdAt), \(record.status.rawValue)",
        ]
        if let reason = record.routingReason {
            lines.append("  routed: \(reason); escalation: \(try record.escalation.map(person).joined(separator: ", "))")
        }
        if !record.skipped.isEmpty { lines.append("  skipped: \(record.skipped.joined(separator: "; "))") }
        for attempt in record.attempts {
            var line = "  page to \(try person(attempt.userID)) queued \(attempt.queuedAt)"
            if let sent = attempt.sentAt, let message = attempt.providerMessageID { line += ", sent \(sent) as Modica \(message)" }
            for delivery in attempt.deliveries { line += ", \(delivery.status.rawValue) \(delivery.at)" }
            if let failure = attempt.failure { line += ", failed: \(failure)" }
            lines.append(line)
        }
        if let at = record.acknowledgedAt { lines.append("  acknowledged by \(try person(record.acknowledgedBy)) at \(at)") }
        if let at = record.resolvedAt { lines.append("  resolved at \(at)") }
        return lines
    }
}
