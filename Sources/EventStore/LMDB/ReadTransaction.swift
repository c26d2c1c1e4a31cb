/// A consistent, read-only snapshot of every table, valid inside the closure that received it.
///
/// Readers never block the writer, and the writer never blocks readers.
public struct ReadTransaction: TableReading {
    let handle: OpaquePointer
    let tables: TableRegistry

    public func existingTable(named name: String) -> Table? {
        tables.table(named: name)
    }

    public func withValue<Result>(
        in table: Table, forKey key: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) throws -> Result? {
        try LMDBReads.withValue(handle, table, key, body)
    }

    public func scan(
        _ table: Table, from key: UnsafeRawBufferPointer?, direction: ScanDirection,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try LMDBReads.scan(handle, table, from: key, direction, body)
    }

    public func entryCount(of table: Table) throws -> Int {
        try LMDBReads.entryCount(handle, table)
    }
}
