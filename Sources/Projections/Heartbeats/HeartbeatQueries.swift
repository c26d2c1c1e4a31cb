public import EventStore

/// Questions the heartbeat read model answers.
public struct HeartbeatQueries {
    private let reader: ProjectionReader
    private typealias TableName = HeartbeatProjection.TableName

    public init(_ reader: ProjectionReader) {
        self.reader = reader
    }

    /// The heartbeat state of `server`, if it belongs to `organization`.
    public func state(of server: TypeID, in organization: TypeID) throws -> HeartbeatState? {
        try reader.get(HeartbeatState.self, forKey: ProjectionKey.id(server), in: TableName.servers)
            .flatMap { $0.organizationID == organization ? $0 : nil }
    }

    /// Every server that is `ok` but whose deadline is at or before `instant`, earliest first: what the
    /// missed-heartbeat worker must record as missed.
    public func overdue(at instant: Timestamp) throws -> [HeartbeatState] {
        guard let deadlines = reader.table(TableName.deadlines) else { return [] }
        var servers: [TypeID] = []
        try reader.transaction.scan(deadlines) { key, _ in
            guard ProjectionKey.number(in: key, at: 0) <= instant.microsecondsSinceEpoch else { return false }
            if let server = TypeID(String(decoding: key.dropFirst(8), as: UTF8.self)) { servers.append(server) }
            return true
        }
        return try servers.compactMap {
            try reader.get(HeartbeatState.self, forKey: ProjectionKey.id($0), in: TableName.servers)
        }
    }
}
