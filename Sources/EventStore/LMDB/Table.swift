import CLMDB

/// A named table (an LMDB named database) in the log's environment.
///
/// The log keeps its own tables; the projections keep theirs beside it (`proj/<name>/v<version>/<table>`)
/// so that a read model is written in the same transaction as the events that feed it.
public struct Table: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    let handle: MDB_dbi

    public var description: String { name }

    /// The handle alone: it names the table within the environment, and it is cheaper to hash and compare
    /// than the name (folds look records up by table for every event).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(handle)
    }

    public static func == (lhs: Table, rhs: Table) -> Bool {
        lhs.handle == rhs.handle
    }
}
