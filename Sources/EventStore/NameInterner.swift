import Foundation

/// The names a scan has decoded recently, so that a name repeated across events is made once: a long
/// one (a type, an organization) becomes one string that all its events share, and a short one is not
/// validated as UTF-8 again.
///
/// A direct-mapped cache: each name has one slot, chosen by its length and its ends, that holds the last name
/// seen there. Its storage is manual, in one block, so that a lookup neither copies nor retains anything
/// but the string it returns; a class, so that the storage is freed once, with only `let`s, so that
/// reaching the storage costs no exclusivity checks.
final class NameInterner {
    private static let slots = 256
    /// Names longer than this are made each time: they are rare, and a slot holds a name's bytes inline.
    private static let keyCapacity = 64

    private struct Entry {
        var count = -1
        var string = ""
    }

    private let entries: UnsafeMutablePointer<Entry>
    private let keys: UnsafeMutableRawPointer

    init() {
        entries = .allocate(capacity: Self.slots)
        entries.initialize(repeating: Entry(), count: Self.slots)
        keys = .allocate(byteCount: Self.slots * Self.keyCapacity, alignment: 16)
    }

    deinit {
        entries.deinitialize(count: Self.slots)
        entries.deallocate()
        keys.deallocate()
    }

    /// The name `bytes` hold, as a string (not validated again when it is the name last seen in its slot).
    func string(_ bytes: UnsafeRawBufferPointer) -> String {
        let count = bytes.count
        guard let source = bytes.baseAddress, count <= Self.keyCapacity else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let slot = Self.slot(of: source, count: count)
        let key = keys + slot * Self.keyCapacity
        if entries[slot].count == count, memcmp(key, source, count) == 0 {
            return entries[slot].string
        }
        let string = String(decoding: bytes, as: UTF8.self)
        key.copyMemory(from: source, byteCount: count)
        entries[slot] = Entry(count: count, string: string)
        return string
    }

    /// A slot chosen by the name's length and its first and last eight bytes (all of them when shorter):
    /// names of one kind differ in their ends, be it a number or an id's random part.
    private static func slot(of name: UnsafeRawPointer, count: Int) -> Int {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(count) &* multiplier
        if count >= 8 {
            hash = (hash ^ name.loadUnaligned(as: UInt64.self)) &* multiplier
            hash ^= name.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            for offset in 0..<count {
                hash = (hash ^ UInt64(name.load(fromByteOffset: offset, as: UInt8.self))) &* multiplier
            }
        }
        return Int(truncatingIfNeeded: (hash &* multiplier) >> 56) % slots
    }
}
