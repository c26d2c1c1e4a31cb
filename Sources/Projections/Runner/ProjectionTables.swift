public import EventStore

/// One version of a projection's tables, as a fold sees them: in the write transaction that folds events
/// into them, or in a read-only snapshot of the last commit, whose changes the writer writes afterwards
/// (see `SnapshotFold`).
///
/// A class, shared by reference: it is handed to a fold for every event, and copying a struct of it
/// (the transaction, the prefix, the caches) cost a retain and a release of each of them every time.
public final class ProjectionTables {
    private let writing: WriteTransaction?
    /// What the fold reads its records from: the write transaction itself, or the snapshot.
    let reading: ReadTransaction
    /// `proj/<name>/v<version>/`.
    let prefix: String
    let records: RecordCache
    /// Index entries written in a snapshot, kept for the writer.
    private var entries = RecordChanges()
    /// The tables a fold has looked up, by their short names: a fold asks for the same few tables for
    /// every event. A short list: its names are the fold's own constants, and finding one among a few is
    /// cheaper than hashing it.
    private var opened: [(name: String, table: Table)] = []

    /// The tables in the write transaction. `expectedKeys`: about how many records and keys the batch will
    /// touch.
    init(transaction: WriteTransaction, prefix: String, expectedKeys: Int) {
        writing = transaction
        reading = transaction.readOnly
        self.prefix = prefix
        records = RecordCache(expectedKeys: expectedKeys)
    }

    /// The tables in a read-only snapshot: the fold's changes stay in `records` until taken.
    init(snapshot: ReadTransaction, prefix: String, expectedKeys: Int) {
        writing = nil
        reading = snapshot
        self.prefix = prefix
        records = RecordCache(expectedKeys: expectedKeys)
    }

    /// The write transaction, for a fold that writes some table directly rather than through records;
    /// folded in a snapshot, such a fold fails with `ProjectionError.foldNeedsWriter`, and the writer
    /// folds it again itself.
    public var transaction: WriteTransaction {
        get throws(ProjectionError) {
            guard let writing else { throw .foldNeedsWriter(prefix) }
            return writing
        }
    }

    /// Writes the records the batch changed; the runner calls it once the batch's events are folded.
    func flush() throws {
        try takeChanges().write(to: transaction)
    }

    /// Every change the batch made, encoded: index entries written in a snapshot, then changed records.
    func takeChanges() throws -> RecordChanges {
        var changes = RecordChanges()
        swap(&changes, &entries)
        try records.takeChanges(into: &changes)
        return changes
    }

    /// Stores `value` under `key` in an index table, one that folds write but never read: at once in the
    /// write transaction; in a snapshot, with the batch's changes.
    public func putEntry(_ value: [UInt8], forKey key: [UInt8], in table: Table) throws {
        if let writing {
            try writing.put(value, forKey: key, in: table)
        } else {
            try entries.add(table, key, value: value)
        }
    }

    /// Removes `key` from an index table, as `putEntry` writes one.
    public func deleteEntry(_ key: [UInt8], in table: Table) throws {
        if let writing {
            try writing.delete(key, in: table)
        } else {
            try entries.add(table, key, value: nil)
        }
    }

    /// The table called `name` in this version, created on first use. A snapshot has only the tables
    /// committed before it: a fold there that needs a new one fails with `ProjectionError.foldNeedsWriter`.
    public func table(_ name: String) throws -> Table {
        for index in opened.indices where opened[index].name == name {
            return opened[index].table
        }
        let table: Table
        if let writing {
            table = try writing.table(named: prefix + name)
        } else if let existing = reading.existingTable(named: prefix + name) {
            table = existing
        } else {
            throw ProjectionError.foldNeedsWriter(prefix + name)
        }
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
