/// A catch-up-then-live read of the log as an `AsyncSequence` (see `EventLog.subscribe(from:)`).
///
/// It reads by position, a page at a time, and waits on the log's head between pages, so a subscriber
/// that starts before, at or after the head sees every event exactly once, in order.
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent

    private let log: any EventLog
    private let start: UInt64
    static let pageSize = 512

    init(log: any EventLog, from position: UInt64) {
        self.log = log
        start = Swift.max(position, 1)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(log: log, next: start)
    }

    /// One subscriber's place in the log: the page it is reading and the position after it.
    public struct Iterator: AsyncIteratorProtocol {
        private let log: any EventLog
        private var next: UInt64
        private var page: [RecordedEvent] = []
        private var index = 0

        init(log: any EventLog, next: UInt64) {
            self.log = log
            self.next = next
        }

        public mutating func next() async throws -> RecordedEvent? {
            while index == page.count {
                guard !Task.isCancelled else { return nil }
                page = try log.events(from: next, limit: EventSubscription.pageSize)
                index = 0
                if page.isEmpty, !(await log.waitForHead(beyond: next - 1)) { return nil }
            }
            defer { index += 1 }
            next = page[index].position + 1
            return page[index]
        }
    }
}
