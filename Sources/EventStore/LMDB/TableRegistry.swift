import Synchronization

/// The named tables opened so far, by name. LMDB lets only a write transaction open a table, and closes
/// it again if that transaction aborts, so a table is registered here only after its transaction commits.
final class TableRegistry: Sendable {
    private let tables = Mutex<[String: Table]>([:])

    func table(named name: String) -> Table? {
        tables.withLock { $0[name] }
    }

    func register(_ opened: OpenedTables) {
        let new = opened.all
        guard !new.isEmpty else { return }
        tables.withLock { tables in
            for table in new { tables[table.name] = table }
        }
    }
}

/// The tables one write transaction has opened, waiting for its commit.
final class OpenedTables {
    private(set) var all: [Table] = []

    func table(named name: String) -> Table? {
        all.first { $0.name == name }
    }

    func add(_ table: Table) {
        all.append(table)
    }
}
