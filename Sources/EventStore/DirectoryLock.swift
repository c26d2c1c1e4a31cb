import Foundation

/// An exclusive lock on a data directory, held while a log is open.
///
/// The writer keeps the log's head in memory, so a second process writing the same directory (an import
/// while the server runs) would fork the log. `flock` is released by the kernel when the process dies, so
/// a crash never leaves the directory locked.
final class DirectoryLock: Sendable {
    static let fileName = "pagerlog.lock"
    private let descriptor: Int32

    init(directory: String) throws(EventStoreError) {
        let path = directory + "/" + DirectoryLock.fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .storage(operation: "open \(path)", code: errno, message: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw .alreadyOpen(path: directory) }
            throw .storage(operation: "flock \(path)", code: code, message: String(cString: strerror(code)))
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
