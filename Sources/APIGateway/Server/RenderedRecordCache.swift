import Foundation
import Hummingbird
import Synchronization

/// Answers rendered from read-model records, each kept with the exact record bytes it was rendered from.
///
/// Monitoring servers poll the same notification over and over, and most of such a read's cost is decoding
/// the record and encoding the answer, not finding it. An entry answers only while the record stored in the
/// reader's snapshot is byte for byte the one it was rendered from (the same record always has the same
/// bytes), so it can never answer with anything the read models no longer say; a changed record is simply
/// rendered again. Entries are per key and caller scope, so one organization's lookups never answer
/// another's, and bounded (`BoundedDictionary`).
final class RenderedRecordCache<Key: Hashable & Sendable>: Sendable {
    private struct Entry: Sendable {
        let source: [UInt8]
        let rendered: ByteBuffer
    }

    private let entries: Mutex<BoundedDictionary<Key, Entry>>

    init(capacity: Int = 10_000) {
        entries = Mutex(BoundedDictionary(capacity: capacity))
    }

    /// The answer rendered from `source` under `key`: kept from before if `source` has not changed since,
    /// else `render()`'s, which is kept unless it is `nil` (nothing to show this caller).
    func rendered(
        _ key: Key, from source: UnsafeRawBufferPointer, render: () throws -> ByteBuffer?
    ) rethrows -> ByteBuffer? {
        if let entry = entries.withLock({ $0[key] }), Self.equal(entry.source, source) {
            return entry.rendered
        }
        guard let rendered = try render() else { return nil }
        let entry = Entry(source: Array(source), rendered: rendered)
        entries.withLock { $0.insert(entry, forKey: key) }
        return rendered
    }

    private static func equal(_ kept: [UInt8], _ source: UnsafeRawBufferPointer) -> Bool {
        kept.count == source.count && kept.withUnsafeBytes { kept in
            guard let keptBase = kept.baseAddress, let sourceBase = source.baseAddress else { return kept.isEmpty }
            return memcmp(keptBase, sourceBase, kept.count) == 0
        }
    }
}
