import Foundation

/// Decodes many envelopes cheaply, for scans: envelopes are copied out of the map a chunk at a time into
/// one buffer, each payload is a slice of that buffer (a reference, not a copy), and names longer than
/// Swift stores inline (types, organizations) are made once and shared.
final class ChunkDecoder {
    /// Envelopes per chunk: enough to amortise the buffer, few enough that a retained event keeps little alive.
    static let chunkSize = 256

    /// The chunk being filled; it becomes a `Data` (without a copy) when the chunk is decoded.
    private var buffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    private var filled = 0
    private var envelopes: [(position: UInt64, range: Range<Int>)] = []
    private var names = NameInterner()

    init() {
        envelopes.reserveCapacity(Self.chunkSize)
    }

    /// Frees a chunk that was filled but never decoded (the scan stopped early or failed).
    deinit {
        free(buffer.baseAddress)
    }

    var isFull: Bool { envelopes.count >= Self.chunkSize }

    /// Copies a stored envelope into the current chunk.
    func add(_ envelope: UnsafeRawBufferPointer, at position: UInt64) {
        if buffer.count - filled < envelope.count { grow(toFit: envelope.count) }
        UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]).copyMemory(from: envelope)
        envelopes.append((position, filled..<filled + envelope.count))
        filled += envelope.count
    }

    /// Gives the chunk room for `count` more bytes (only the first envelope of a chunk is likely to need it).
    private func grow(toFit count: Int) {
        let capacity = max(2 * buffer.count, filled + count, Self.chunkSize * 512)
        // malloc'd, because the Data that takes the chunk over frees it with `free`.
        guard let larger = realloc(buffer.baseAddress, capacity) else { return }
        buffer = UnsafeMutableRawBufferPointer(start: larger, count: capacity)
    }

    /// Decodes the chunk's envelopes in order, calling `body` with each until it returns `false`; then
    /// starts a new chunk. Returns what `body` last returned.
    func drain(_ body: (RecordedEvent) throws -> Bool) throws -> Bool {
        guard let start = buffer.baseAddress else { return true }
        defer {
            envelopes.removeAll(keepingCapacity: true)
            buffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)
            filled = 0
        }
        // The Data takes the chunk over, and frees it when the last payload slice of it is gone.
        let chunk = Data(bytesNoCopy: start, count: filled, deallocator: .free)
        var materializer = SliceMaterializer(chunk: chunk, names: names)
        defer { names = materializer.names }
        for (position, range) in envelopes {
            materializer.base = range.lowerBound
            let event = try chunk.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws -> RecordedEvent in
                do {
                    return try EnvelopeCodec.decode(UnsafeRawBufferPointer(rebasing: bytes[range]), materializing: &materializer)
                } catch let error as EventStoreError {
                    guard case .corrupt(_, let reason) = error else { throw error }
                    throw EventStoreError.corrupt(position: position, reason: reason)
                }
            }
            guard try body(event) else { return false }
        }
        return true
    }
}

/// Payloads as slices of the chunk, long names interned.
private struct SliceMaterializer: EnvelopeMaterializer {
    let chunk: Data
    var names: NameInterner
    /// Where the envelope being decoded starts in the chunk.
    var base = 0

    init(chunk: Data, names: NameInterner) {
        self.chunk = chunk
        self.names = names
    }

    mutating func string(_ bytes: UnsafeRawBufferPointer) -> String {
        names.string(bytes)
    }

    func payload(_ bytes: UnsafeRawBufferPointer, at range: Range<Int>) -> Data {
        chunk[(chunk.startIndex + base + range.lowerBound)..<(chunk.startIndex + base + range.upperBound)]
    }
}

/// A small cache of recently decoded names, so that a long name repeated across events is one string.
struct NameInterner {
    private static let slots = 64
    /// Swift keeps strings of up to 15 UTF-8 bytes inline; those cost nothing to make.
    private static let inlineLimit = 15
    private var entries: [(bytes: [UInt8], string: String)?] = Array(repeating: nil, count: slots)

    mutating func string(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count > Self.inlineLimit else { return String(decoding: bytes, as: UTF8.self) }
        let slot = Self.slot(of: bytes)
        if let entry = entries[slot], entry.bytes.count == bytes.count,
           entry.bytes.withUnsafeBytes({ Self.equal($0, bytes) }) {
            return entry.string
        }
        let string = String(decoding: bytes, as: UTF8.self)
        entries[slot] = (Array(bytes), string)
        return string
    }

    private static func equal(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return lhs.count == rhs.count }
        return lhs.count == rhs.count && memcmp(left, right, lhs.count) == 0
    }

    private static func slot(of bytes: UnsafeRawBufferPointer) -> Int {
        // Called only for names longer than `inlineLimit`: every index is in range.
        let count = bytes.count
        var hash = UInt(count)
        hash = hash &* 31 &+ UInt(bytes[0])
        hash = hash &* 31 &+ UInt(bytes[count / 2])
        hash = hash &* 31 &+ UInt(bytes[count - 2])
        hash = hash &* 31 &+ UInt(bytes[count - 1])
        return Int(hash % UInt(slots))
    }
}
