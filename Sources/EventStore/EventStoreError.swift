public import Foundation

/// Everything the event log can refuse or fail at, each case with what a caller needs to act on it.
public enum EventStoreError: Error, Equatable, CustomStringConvertible {
    /// Optimistic concurrency: the stream was not at the version the writer expected (HTTP 409).
    case wrongExpectedVersion(stream: String, expected: ExpectedVersion, actual: UInt64)
    /// Some but not all of a batch's event ids are already in the log, or an id repeats within the batch.
    case idempotencyConflict(eventID: UUID, reason: String)
    /// The batch cannot be stored as given (empty, a bad stream name, a field too long).
    case invalidEvent(String)
    /// The directory holds something other than a Pagerlog log.
    case notAPagerlogDirectory(path: String, reason: String)
    /// Another process (or another open log in this one) has the directory open.
    case alreadyOpen(path: String)
    /// The log was written by a newer or unknown format.
    case unsupportedFormat(String)
    /// Stored bytes do not decode or do not agree with each other.
    case corrupt(position: UInt64?, reason: String)
    /// An import does not continue the log where it stands.
    case importRejected(line: Int, reason: String)
    /// LMDB or the file system failed.
    case storage(operation: String, code: Int32, message: String)
    /// The log has been closed.
    case closed

    public var description: String {
        switch self {
        case let .wrongExpectedVersion(stream, expected, actual):
            "stream '\(stream)' is at version \(actual), expected \(expected)"
        case let .idempotencyConflict(eventID, reason):
            "event id \(eventID.uuidString.lowercased()): \(reason)"
        case let .invalidEvent(reason):
            "invalid event: \(reason)"
        case let .notAPagerlogDirectory(path, reason):
            "\(path) is not a Pagerlog data directory: \(reason)"
        case let .alreadyOpen(path):
            "\(path) is in use by another Pagerlog process; stop it first"
        case let .unsupportedFormat(reason):
            "unsupported data format: \(reason)"
        case let .corrupt(position, reason):
            position.map { "corrupt log at position \($0): \(reason)" } ?? "corrupt log: \(reason)"
        case let .importRejected(line, reason):
            "import rejected at line \(line): \(reason)"
        case let .storage(operation, code, message):
            "storage error in \(operation) (\(code)): \(message)"
        case .closed:
            "the event log is closed"
        }
    }
}
