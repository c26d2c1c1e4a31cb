import EventStore
import Fixtures
import Foundation

/// The events the benchmarks write: a Hot Potato notification of realistic size.
enum BenchEvents {
    static let payload = Data(#"""
    {"notif_type":"service","trouble_code":"BAD01","hostname":"db-03.example.net","display_name":"Database 3","service_name":"Postgres","state":"CRITICAL","output":"connection refused on 5432 after 3 attempts"}
    """#.utf8)

    static func notification(server: Int) -> ProposedEvent {
        ProposedEvent(
            type: "notification.created", organization: "org_01jbz45x59eynayzndz0jp10dz", actor: "server:\(server)",
            payload: payload)
    }

    /// The stored size of one benchmark event, for the C baseline to write values of the same size.
    static func storedSize() async throws -> Int {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let size = try await LMDBEventLog.withOpenLog(directory: directory.path) { log in
            _ = try await log.append([notification(server: 1)], to: "server-1")
            return try log.read { transaction in
                try transaction.existingTable(named: "log/events").flatMap { table in
                    try withUnsafeBytes(of: UInt64(1).bigEndian) { key in
                        try transaction.withValue(in: table, forKey: key) { $0.count }
                    }
                }
            }
        }
        return size ?? 0
    }
}
