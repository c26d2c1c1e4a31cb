public import EventStore
import NIOCore
public import NIOPosix

/// A server's event loops as the log's caller threads: a request handler that appends is resumed on the
/// loop it was running on, together with the other handlers of that loop in the same commit.
public struct EventLoopCallerThreads: CallerThreads {
    private let loops: [ObjectIdentifier: EventLoopThread]

    /// The loops of `group`, which must outlive the log (the process-wide singleton group always does).
    public init(group: MultiThreadedEventLoopGroup) {
        var loops: [ObjectIdentifier: EventLoopThread] = [:]
        for loop in group.makeIterator() { loops[ObjectIdentifier(loop)] = EventLoopThread(loop: loop) }
        self.loops = loops
    }

    public func current() -> (any CallerThread)? {
        MultiThreadedEventLoopGroup.currentEventLoop.flatMap { loops[ObjectIdentifier($0)] }
    }
}

/// One event loop, as a caller thread.
final class EventLoopThread: CallerThread {
    private let loop: any EventLoop

    init(loop: any EventLoop) {
        self.loop = loop
    }

    func execute(_ work: @escaping @Sendable () -> Void) {
        loop.execute(work)
    }
}
