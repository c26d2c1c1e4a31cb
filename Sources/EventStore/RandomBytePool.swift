import Foundation
import Synchronization

/// Random bytes for ids, taken from the kernel's generator a page at a time.
///
/// Every event, request and entity gets a fresh id, and `getrandom(2)` costs a system call each time: with
/// 64 tasks appending as fast as the log takes them, that was a fifth of their CPU. The bytes are the
/// kernel's all the same, just fetched 4,096 at once; each is handed out once.
final class RandomBytePool: Sendable {
    static let shared = RandomBytePool()

    private static let capacity = 4_096
    private let state = Mutex<(bytes: [UInt8], used: Int)>(([UInt8](repeating: 0, count: capacity), capacity))

    /// Fills `target` with bytes never handed out before.
    func fill(_ target: UnsafeMutableRawBufferPointer) {
        guard target.count <= Self.capacity else {
            if let base = target.baseAddress { arc4random_buf(base, target.count) }
            return
        }
        state.withLock { state in
            if state.used + target.count > Self.capacity {
                state.bytes.withUnsafeMutableBytes { if let base = $0.baseAddress { arc4random_buf(base, $0.count) } }
                state.used = 0
            }
            state.bytes.withUnsafeBytes { bytes in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[state.used..<state.used + target.count]))
            }
            state.used += target.count
        }
    }
}
