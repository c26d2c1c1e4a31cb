import Foundation

/// Decodes envelopes cheaply, for scans, straight from the memory map: each payload is copied into a
/// shared arena and handed out as a slice of it (one allocation for many events instead of one each), and
/// names longer than Swift stores inline (types, organizations) are made once and shared.
struct ScanDecoder {
    private var materializer = ArenaMaterializer()

    /// Decodes the stored envelope at `position`.
    mutating func decode(_ envelope: UnsafeRawBufferPointer, at position: UInt64) throws(EventStoreError) -> RecordedEvent {
        do {
            return try EnvelopeCodec.decode(envelope, materializing: &materializer)
        } catch {
            guard case .corrupt(_, let reason) = error else { throw error }
            throw .corrupt(position: position, reason: reason)
        }
    }
}

/// Payloads as slices of an arena, long names interned.
private struct ArenaMaterializer: EnvelopeMaterializer {
    let names = NameInterner()
    var arena = PayloadArena()

    func string(_ bytes: UnsafeRawBufferPointer) -> String {
        names.string(bytes)
    }

    mutating func payload(_ bytes: UnsafeRawBufferPointer) -> Data {
        arena.copy(bytes)
    }
}

/// Copies of many small byte ranges, each a `Data` slice of one larger block. A block is freed when the
/// last slice of it is gone, so an event kept long keeps its block alive, and no more.
struct PayloadArena {
    /// The first block's bytes: enough for a page of a subscription or a listing without a large allocation.
    static let firstBlockSize = 8 * 1024
    /// Each block is twice the one before, up to this (a few hundred payloads) for a long scan.
    static let largestBlockSize = 128 * 1024

    private var nextBlockSize = firstBlockSize
    private var block = Data()
    private var memory: UnsafeMutableRawPointer?
    private var capacity = 0
    private var filled = 0

    /// A copy of `bytes`, sharing its block with the copies made before it.
    mutating func copy(_ bytes: UnsafeRawBufferPointer) -> Data {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return Data() }
        if capacity - filled < bytes.count { startBlock(fitting: bytes.count) }
        guard let memory else { return Data(bytes) }
        // The block's `Data` never reads past the slices handed out, so the bytes after them are still ours to fill.
        (memory + filled).copyMemory(from: source, byteCount: bytes.count)
        defer { filled += bytes.count }
        return block[filled..<filled + bytes.count]
    }

    private mutating func startBlock(fitting count: Int) {
        let size = max(nextBlockSize, count)
        nextBlockSize = min(2 * nextBlockSize, Self.largestBlockSize)
        // malloc'd, because the Data that owns the block frees it with `free`.
        memory = malloc(size)
        guard let memory else { return reset() }
        block = Data(bytesNoCopy: memory, count: size, deallocator: .free)
        capacity = size
        filled = 0
    }

    /// Out of memory: copies are made one by one until a block can be had again.
    private mutating func reset() {
        block = Data()
        capacity = 0
        filled = 0
    }
}
