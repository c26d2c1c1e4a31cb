import CLMDB

/// A named table (an LMDB named database) in the log's environment.
///
/// The log keeps its own tables; the projections keep theirs beside it (`proj/<name>/v<version>/<table>`)
/// so that a read model is written in the same transaction as the events that feed it.
public struct Table: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    let handle: MDB_dbi

    public var description: String { name }

    /// The handle alone: tables that are equal have the same one, and hashing it is cheaper than the name.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(handle)
    }
}
