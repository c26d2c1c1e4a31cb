import Dispatch
import EventStore
import Synchronization

/// The lanes of a rebuild's chunk, shared out between the writer, folding in its transaction, and a
/// thread of their own folding in a read-only snapshot of the last commit.
///
/// A rebuild's critical path is the writer, and folding is most of its work, while the threads decoding
/// the next chunk leave part of the other core idle. Lanes are independent (each projection reads and
/// writes only its own tables, and no other job of the chunk's transaction touches them before the fold),
/// so a lane folded in the snapshot makes exactly the changes it would make in the transaction. Each side
/// takes the next lane nobody has taken until none is left, so neither waits for the other longer than one
/// lane. The snapshot's lanes come back encoded (`RecordChanges`) for the writer to write; a lane whose
/// fold needed the transaction itself (a table it writes directly, or one not created yet) comes back as a
/// failure, and the writer folds it again.
final class SnapshotFold: Sendable {
    /// A lane as the other thread gets it: everything but its tables, which are the snapshot's there.
    struct Lane: Sendable {
        let projection: any Projection
        let index: Int
        let record: ProjectionRecord
        let position: UInt64
    }

    private let lanes: [Lane]
    /// The first lane nobody has taken yet.
    private let next = Mutex(0)
    /// What the other thread made of each lane it took, by the lane's place in `lanes`.
    private let folded = Mutex<[Int: Result<RecordChanges, any Error>]>([:])
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the other thread on `lanes` (the heaviest first, so that the last lane taken is a light one),
    /// folding them over `chunk` in a snapshot of `log`'s last commit.
    init(_ lanes: [Lane], over chunk: DecodedChunk, in log: LMDBEventLog, routes: EventRoutes) {
        self.lanes = lanes
        DispatchQueue.global().async { [self] in
            do {
                try log.read { snapshot in
                    while let lane = claim() {
                        let changes = Result { try Self.fold(lanes[lane], over: chunk, in: snapshot, routes: routes) }
                        folded.withLock { $0[lane] = changes }
                    }
                }
            } catch {
                // No snapshot: the lanes not taken yet are left to the writer.
            }
            finished.signal()
        }
    }

    /// The place in `lanes` of the next lane nobody has taken, now the caller's; `nil` when none is left.
    func claim() -> Int? {
        next.withLock { next in
            guard next < lanes.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// Once the other thread is done: the changes of each lane it took, by the lane's place in `lanes`.
    func wait() -> [Int: Result<RecordChanges, any Error>] {
        finished.wait()
        return folded.withLock { $0 }
    }

    private static func fold(_ lane: Lane, over chunk: DecodedChunk, in snapshot: ReadTransaction, routes: EventRoutes) throws -> RecordChanges {
        let tables = ProjectionTables(
            snapshot: snapshot, prefix: ProjectionPaths.prefix(lane.projection.name, version: lane.projection.version),
            expectedKeys: chunk.events.count)
        var fold = ChunkFold(
            lanes: [FoldLane(lane.projection, index: lane.index, record: lane.record, from: lane.position, tables: tables)],
            catalog: nil, routes: routes)
        try fold.apply(chunk)
        return try tables.takeChanges()
    }
}
