import EventStore

/// What the catalog (`proj/catalog`) remembers of one projection: the version that answers queries and
/// how far it has folded the log, and a version being built and how far that has got.
///
/// Every query reads it (to find the serving version's tables), so it is kept as 24 fixed bytes rather
/// than JSON: serving version, position, building version, building position, big-endian, a version of
/// 0 meaning none (projection versions start at 1).
struct ProjectionRecord: Equatable, Sendable {
    var servingVersion: UInt32?
    var position: UInt64 = 0
    var buildingVersion: UInt32?
    var buildingPosition: UInt64 = 0

    static func load<Access>(_ name: String, in transaction: Transaction<Access>) throws -> ProjectionRecord? {
        guard let catalog = transaction.existingTable(named: ProjectionPaths.catalog) else { return nil }
        return try transaction.withValue(in: catalog, forKey: Array(name.utf8)) { bytes in
            guard bytes.count == 24 else { throw ProjectionError.corruptCatalog(name) }
            let number = { (offset: Int) in UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
            let version = { (offset: Int) in UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
            return ProjectionRecord(
                servingVersion: Self.optional(version(0)), position: number(4),
                buildingVersion: Self.optional(version(12)), buildingPosition: number(16))
        }
    }

    func save(_ name: String, in transaction: WriteTransaction) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        withUnsafeBytes(of: (servingVersion ?? 0).bigEndian) { bytes += $0 }
        withUnsafeBytes(of: position.bigEndian) { bytes += $0 }
        withUnsafeBytes(of: (buildingVersion ?? 0).bigEndian) { bytes += $0 }
        withUnsafeBytes(of: buildingPosition.bigEndian) { bytes += $0 }
        try transaction.put(bytes, forKey: Array(name.utf8), in: try transaction.table(named: ProjectionPaths.catalog))
    }

    /// Whether `version` answers queries and is folded inline, no rebuild being under way.
    func isServing(_ version: UInt32) -> Bool {
        servingVersion == version && buildingVersion == nil
    }

    /// How far `version`'s tables have folded the log: where it serves or is being built, else from the start.
    func position(of version: UInt32) -> UInt64 {
        isServing(version) ? position : buildingVersion == version ? buildingPosition : 0
    }

    private static func optional(_ version: UInt32) -> UInt32? {
        version == 0 ? nil : version
    }
}
