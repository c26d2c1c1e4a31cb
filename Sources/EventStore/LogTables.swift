import Foundation

/// The log's own tables, and the byte layout of their keys.
///
/// - `log/events`: position (u64 big-endian, so keys sort numerically) → stored envelope;
/// - `log/event-ids`: event id (16 bytes) → position, for idempotent appends and reads by id;
/// - `log/streams`: stream name ‖ 0x00 ‖ version (u64 big-endian) → position;
/// - `log/meta`: the data format marker.
struct LogTables: Sendable {
    static let formatKey = Array("format".utf8)
    static let formatValue = Array("pagerlog-log-1".utf8)

    let events: Table
    let eventIDs: Table
    let streams: Table
    let meta: Table

    /// Opens the tables, creating them in a new directory; refuses an environment Pagerlog did not write.
    static func open(in transaction: WriteTransaction, directory: String) throws -> LogTables {
        let isEmptyEnvironment = try transaction.isEnvironmentEmpty()
        guard try isEmptyEnvironment || transaction.hasTable(named: "log/meta") else {
            throw EventStoreError.notAPagerlogDirectory(
                path: directory, reason: "it holds an LMDB environment that Pagerlog did not create")
        }
        let tables = LogTables(
            events: try transaction.table(named: "log/events"),
            eventIDs: try transaction.table(named: "log/event-ids"),
            streams: try transaction.table(named: "log/streams"),
            meta: try transaction.table(named: "log/meta")
        )
        if isEmptyEnvironment {
            try transaction.put(formatValue, forKey: formatKey, in: tables.meta)
        }
        let format = try transaction.value(in: tables.meta, forKey: formatKey)
        guard format == formatValue else {
            let found = format.map { String(decoding: $0, as: UTF8.self) } ?? "nothing"
            throw EventStoreError.unsupportedFormat("expected \(String(decoding: formatValue, as: UTF8.self)), found \(found)")
        }
        return tables
    }

    /// A position as a key: its big-endian bytes, so that keys sort like positions.
    static func positionKey(_ position: UInt64) -> UInt64 {
        position.bigEndian
    }

    /// `stream ‖ 0x00 ‖ version` in big-endian.
    static func streamKey(_ stream: String, version: UInt64) -> [UInt8] {
        var key = [UInt8]()
        key.reserveCapacity(stream.utf8.count + 9)
        key.append(contentsOf: stream.utf8)
        key.append(0)
        withUnsafeBytes(of: version.bigEndian) { key.append(contentsOf: $0) }
        return key
    }

    /// The version in a `streamKey`.
    static func version(inStreamKey key: UnsafeRawBufferPointer) -> UInt64 {
        UInt64(bigEndian: key.loadUnaligned(fromByteOffset: key.count - 8, as: UInt64.self))
    }

    static func position(in value: UnsafeRawBufferPointer) throws -> UInt64 {
        guard value.count == 8 else { throw EventStoreError.corrupt(position: nil, reason: "an index entry is not a position") }
        return UInt64(bigEndian: value.loadUnaligned(as: UInt64.self))
    }
}
