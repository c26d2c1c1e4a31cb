public import EventStore

/// One version of a projection's tables, inside the write transaction that is folding events into them.
///
/// A class, shared by reference: it is handed to a fold for every event, and copying a struct of it
/// (the transaction, the prefix, the caches) cost a retain and a release of each of them every time.
public final class ProjectionTables {
    public let transaction: WriteTransaction
    /// `proj/<name>/v<version>/`.
    let prefix: String
    let records: RecordCache
    /// The tables a fold has looked up, by their short names: a fold asks for the same few tables for
    /// every event. A short list: its names are the fold's own constants, and finding one among a few is
    /// cheaper than hashing it.
    private var opened: [(name: String, table: Table)] = []

    /// `expectedKeys`: about how many records and keys the batch will touch.
    init(transaction: WriteTransaction, prefix: String, expectedKeys: Int) {
        self.transaction = transaction
        self.prefix = prefix
        records = RecordCache(expectedKeys: expectedKeys)
    }

    /// Writes the records the batch changed; the runner calls it once the batch's events are folded.
    func flush() throws {
        try records.flush(to: transaction)
    }

    /// The table called `name` in this version, created on first use.
    public func table(_ name: String) throws -> Table {
        for index in opened.indices where opened[index].name == name {
            return opened[index].table
        }
        let table = try transaction.table(named: prefix + name)
        opened.append((name, table))
        return table
    }
}

/// The serving version of a projection's tables, inside a read-only snapshot: what queries read.
public struct ProjectionReader {
    public let transaction: ReadTransaction
    /// The version whose tables these are: during a rebuild, the previous one.
    public let version: UInt32
    let prefix: String

    /// The table called `name`; `nil` if the projection never wrote to it.
    public func table(_ name: String) -> Table? {
        transaction.existingTable(named: prefix + name)
    }
}

/// Where a projection's tables live in the log's environment: `proj/<name>/v<version>/<table>`, so that
/// two versions of one projection never share a table.
enum ProjectionPaths {
    static func prefix(_ name: String, version: UInt32) -> String {
        "proj/\(name)/v\(version)/"
    }

    static let catalog = "proj/catalog"
}
