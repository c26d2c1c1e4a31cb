import EventStore

extension ProjectionRunner {
    /// Folds a decoded chunk into `lanes` and writes their changes. If `inSnapshot`, the lanes are shared
    /// out between this thread and another folding in a snapshot of the last commit (`SnapshotFold`), and
    /// those the snapshot could not fold are folded here afterwards.
    func fold(
        _ chunk: DecodedChunk, into lanes: [FoldLane], _ log: LMDBEventLog, _ transaction: WriteTransaction, inSnapshot: Bool
    ) throws -> [FoldLane] {
        let last = chunk.events.last?.position ?? 0
        guard inSnapshot, lanes.count > 1 else { return try foldHere(chunk, into: lanes, at: last) }
        let lanes = heaviestFirst(lanes, in: chunk)
        let shared = SnapshotFold(
            lanes.map { SnapshotFold.Lane(projection: $0.projection, index: $0.index, record: $0.record, position: $0.position) },
            over: chunk, in: log, routes: routes)
        var folded: [FoldLane] = []
        do {
            while let lane = shared.claim() {
                folded += try foldHere(chunk, into: [lanes[lane]], at: last)
            }
        } catch {
            // The other thread reads the chunk and the environment: it finishes before the transaction does.
            _ = shared.wait()
            throw error
        }
        // Every lane this thread did not claim, the other did, and has an outcome for.
        let foldedThere = shared.wait()
        for lane in foldedThere.keys.sorted() {
            guard case .success(let changes) = foldedThere[lane] else {
                folded += try foldHere(chunk, into: [lanes[lane]], at: last)
                continue
            }
            try changes.write(to: transaction)
            var lane = lanes[lane]
            lane.position = max(lane.position, last)
            folded.append(lane)
        }
        return folded
    }

    /// Folds `chunk` into `lanes` in the write transaction, and writes their changes.
    private func foldHere(_ chunk: DecodedChunk, into lanes: [FoldLane], at last: UInt64) throws -> [FoldLane] {
        var fold = ChunkFold(lanes: lanes, catalog: catalog, routes: routes)
        try fold.apply(chunk)
        return try fold.finish(at: last)
    }

    /// `lanes`, those folding more of the chunk's events first.
    private func heaviestFirst(_ lanes: [FoldLane], in chunk: DecodedChunk) -> [FoldLane] {
        var eventsOfType = [Int](repeating: 0, count: chunk.types.count)
        for type in chunk.typeIndexes { eventsOfType[type] += 1 }
        let routed = chunk.types.map { routes.projections(handling: $0) }
        let weights = lanes.map { lane in
            routed.indices.reduce(0) { total, type in routed[type].contains(lane.index) ? total + eventsOfType[type] : total }
        }
        return lanes.indices.sorted { weights[$0] > weights[$1] }.map { lanes[$0] }
    }
}
