import Foundation

/// Keeps the blocks past the end of `data.mdb`'s used pages written with zeros, a few MiB ahead.
///
/// A commit that writes past the end of the file grows it, and its `fdatasync` must then also commit the
/// file system's record of the new blocks; over blocks that already exist it flushes the data alone. On
/// ext4 that made a durable commit of 64 events about a quarter faster (PERFORMANCE.md). The zeros are
/// written with `O_DIRECT` (not through the page cache, which the next commit would have to flush), from a
/// read-only anonymous mapping (the kernel's zero page, so they cost no memory), and only by the writer
/// thread between transactions, so they never meet LMDB's own writes: LMDB reads nothing past the last
/// page its meta page names. Where the file system refuses `O_DIRECT`, or off Linux, the file grows as
/// before.
final class ZeroedTail {
    /// How far ahead of the used pages the zeros reach after each extension, and how short the zeroed
    /// stretch may get before the next.
    static let extent = 4 << 20
    static let lowWater = 2 << 20

    private var descriptor: Int32
    private let zeros: UnsafeMutableRawPointer?
    /// The end of what is on disk: the file's size when opened, then the end of the last zeros written.
    private var end: Int

    init(dataFile path: String) {
        #if os(Linux)
        descriptor = open(path, O_WRONLY | O_CLOEXEC | ZeroedTail.directIO)
        #else
        descriptor = -1
        #endif
        let mapping = mmap(nil, ZeroedTail.extent, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        zeros = mapping == MAP_FAILED ? nil : mapping
        var status = stat()
        end = descriptor >= 0 && fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        if zeros == nil { close() }
    }

    deinit {
        close()
        if let zeros { munmap(zeros, ZeroedTail.extent) }
    }

    /// Writes zeros from the end of the file to `extent` past `usedBytes` (never past `limit`, the map's
    /// size), once fewer than `lowWater` bytes past the used pages are zeroed. Any failure (a full disk, a
    /// file system without `O_DIRECT`) turns it off: LMDB's commits work the same over a growing file.
    func extend(pastUsed usedBytes: Int, limit: Int) {
        guard descriptor >= 0, let zeros, end - usedBytes < ZeroedTail.lowWater else { return }
        let target = min(usedBytes + ZeroedTail.extent, limit) & ~4_095
        end = max(end, usedBytes + 4_095) & ~4_095
        while end < target {
            let count = min(target - end, ZeroedTail.extent)
            guard pwrite(descriptor, zeros, count, off_t(end)) == count else {
                close()
                return
            }
            end += count
        }
    }

    /// Closes the data file; nothing is written after this.
    func close() {
        if descriptor >= 0 { Foundation.close(descriptor) }
        descriptor = -1
    }

    /// Linux's `O_DIRECT`, which Glibc's Swift module leaves out (C has it only under `_GNU_SOURCE`).
    #if os(Linux) && (arch(arm64) || arch(arm))
    static let directIO: Int32 = 0o200000
    #elseif os(Linux)
    static let directIO: Int32 = 0o40000
    #endif
}
