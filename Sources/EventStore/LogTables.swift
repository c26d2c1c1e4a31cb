import Foundation

/// The log's own tables, and the byte layout of their keys and values.
///
/// - `log/events`: position (u64 big-endian, so keys sort numerically) → stored envelope;
/// - `log/index`, three key spaces told apart by their first byte:
///   - `0x01 ‖ event id` → position, for idempotent appends and reads by id;
///   - `0x02 ‖ stream name` → the stream's head: its version and last position (two u64 big-endian);
///   - `0x03 ‖ stream name ‖ 0x00 ‖ version (u64 big-endian)` → position, for every
///     `checkpointInterval`-th version, so that reading a stream never walks more than that many links;
/// - `log/meta`: the data format marker.
///
/// What a durable commit costs is the number of pages it dirties, so the layout keeps that small: a
/// stream's events are linked backwards through their envelopes (`previousInStream`) instead of each
/// having an index entry, so a commit touches one small head record per stream rather than a leaf of an
/// index that grows with every event; ids are time-ordered, so they land at the end of their key space;
/// and the two live in one table, sharing its branch pages.
struct LogTables: Sendable {
    static let formatKey = Array("format".utf8)
    static let formatValue = Array("pagerlog-log-1".utf8)
    static let checkpointInterval: UInt64 = 256

    let events: Table
    let index: Table
    let meta: Table

    /// The first byte of each key space of `log/index`.
    enum KeySpace: UInt8 {
        case eventID = 1
        case streamHead = 2
        case checkpoint = 3
    }

    /// Opens the tables, creating them in a new directory; refuses an environment Pagerlog did not write.
    static func open(in transaction: WriteTransaction, directory: String) throws -> LogTables {
        let isEmptyEnvironment = try transaction.isEnvironmentEmpty()
        guard try isEmptyEnvironment || transaction.hasTable(named: "log/meta") else {
            throw EventStoreError.notAPagerlogDirectory(
                path: directory, reason: "it holds an LMDB environment that Pagerlog did not create")
        }
        let tables = LogTables(
            events: try transaction.table(named: "log/events"),
            index: try transaction.table(named: "log/index"),
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

    /// Calls `body` with the index key of an event id.
    static func withIDKey<Result>(_ id: UUID, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withUnsafeBytes(of: (KeySpace.eventID.rawValue, id.uuid), body)
    }

    /// Calls `body` with the index key of a stream's head, built on the stack.
    static func withHeadKey<Result>(_ stream: String, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        let utf8 = stream.utf8
        return try withUnsafeTemporaryAllocation(byteCount: utf8.count + 1, alignment: 1) { key in
            key[0] = KeySpace.streamHead.rawValue
            UnsafeMutableRawBufferPointer(rebasing: key[1...]).copyBytes(from: utf8)
            return try body(UnsafeRawBufferPointer(key))
        }
    }

    /// `0x03 ‖ stream ‖ 0x00 ‖ version` in big-endian.
    static func checkpointKey(_ stream: String, version: UInt64) -> [UInt8] {
        var key = [KeySpace.checkpoint.rawValue]
        key.reserveCapacity(stream.utf8.count + 10)
        key.append(contentsOf: stream.utf8)
        key.append(0)
        withUnsafeBytes(of: version.bigEndian) { key.append(contentsOf: $0) }
        return key
    }

    static func position(in value: UnsafeRawBufferPointer) throws -> UInt64 {
        guard value.count == 8 else { throw EventStoreError.corrupt(position: nil, reason: "an index entry is not a position") }
        return UInt64(bigEndian: value.loadUnaligned(as: UInt64.self))
    }
}

/// A stream's current version and the position of its last event: a `log/stream-heads` value.
struct StreamHead: Equatable {
    let version: UInt64
    let position: UInt64

    init(version: UInt64, position: UInt64) {
        self.version = version
        self.position = position
    }

    init(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count == 16 else { throw EventStoreError.corrupt(position: nil, reason: "a stream head is malformed") }
        version = UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))
        position = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: (version.bigEndian, position.bigEndian), body)
    }
}
