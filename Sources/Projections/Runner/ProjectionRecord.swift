import EventStore
import Foundation

/// What the catalog (`proj/catalog`) remembers of one projection: the version that answers queries and
/// how far it has folded the log, and a version being built and how far that has got.
struct ProjectionRecord: Codable, Equatable {
    var servingVersion: UInt32?
    var position: UInt64 = 0
    var buildingVersion: UInt32?
    var buildingPosition: UInt64 = 0

    enum CodingKeys: String, CodingKey {
        case servingVersion = "serving_version"
        case position
        case buildingVersion = "building_version"
        case buildingPosition = "building_position"
    }

    static func load<Access>(_ name: String, in transaction: Transaction<Access>) throws -> ProjectionRecord? {
        guard let catalog = transaction.existingTable(named: ProjectionPaths.catalog),
              let bytes = try transaction.value(in: catalog, forKey: Array(name.utf8))
        else { return nil }
        return try JSONDecoder().decode(ProjectionRecord.self, from: Data(bytes))
    }

    func save(_ name: String, in transaction: WriteTransaction) throws {
        let catalog = try transaction.table(named: ProjectionPaths.catalog)
        try transaction.put(Array(try JSONEncoder().encode(self)), forKey: Array(name.utf8), in: catalog)
    }
}
