/// The writer's reusable encoding buffer, so that storing an event allocates nothing.
final class ScratchBuffer {
    private(set) var bytes: UnsafeMutableRawBufferPointer

    init(capacity: Int = 4_096) {
        bytes = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit {
        bytes.deallocate()
    }

    /// The buffer, at least `count` bytes long.
    func reserve(_ count: Int) -> UnsafeMutableRawBufferPointer {
        if bytes.count < count {
            bytes.deallocate()
            bytes = .allocate(byteCount: max(count, bytes.count * 2), alignment: 8)
        }
        return bytes
    }
}
