import Logging
import Synchronization

/// The messages a logger wrote, kept for a test to read: a `LogHandler` that records instead of printing.
final class CapturedLog: Sendable {
    private let messages = Mutex<[(level: Logger.Level, text: String)]>([])

    /// A logger at `info`, the access log's level, that writes here.
    func logger() -> Logger {
        var logger = Logger(label: "captured") { _ in Handler(log: self) }
        logger.logLevel = .info
        return logger
    }

    /// The texts written at `level`, in order.
    func texts(at level: Logger.Level) -> [String] {
        messages.withLock { $0.filter { $0.level == level }.map(\.text) }
    }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.messages.withLock { $0.append((event.level, event.message.description)) }
        }
    }
}
