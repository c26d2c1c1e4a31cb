/// Arbitrary work in the write transaction, for the modules above the log (a projection's rebuild and
/// switch-over, maintenance): committed atomically with whatever else the batch holds.
final class TransactionJob<Output: Sendable>: WriteJob, @unchecked Sendable {
    private let body: @Sendable (WriteTransaction) throws -> Output
    private let continuation: UnsafeContinuation<Output, any Error>
    private var output: Output?

    init(body: @escaping @Sendable (WriteTransaction) throws -> Output, continuation: UnsafeContinuation<Output, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(in batch: inout LogBatch) throws {
        output = try body(batch.transaction)
    }

    func finish(_ error: (any Error)?) {
        if let error {
            continuation.resume(throwing: error)
        } else if let output {
            continuation.resume(returning: output)
        } else {
            continuation.resume(throwing: EventStoreError.closed)
        }
    }
}
