public import Foundation

extension UUID {
    /// A version 7 UUID: 48 bits of Unix milliseconds, then random bits.
    ///
    /// The default event id. Ids made close together sort close together, so the log's id index grows at
    /// its end like the log itself instead of dirtying a random page of the index for every event.
    public static func timeOrdered(at timestamp: Timestamp = SystemWallClock().now()) -> UUID {
        var random = (UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &random) { RandomBytePool.shared.fill($0) }
        return timeOrdered(at: timestamp, randomBits: random)
    }

    /// A version 7 UUID for `timestamp` whose random part comes from `randomBits`: for callers that need
    /// ids to repeat, such as seeded test histories.
    public static func timeOrdered(at timestamp: Timestamp, randomBits: (UInt64, UInt64)) -> UUID {
        var bytes = randomBits
        withUnsafeMutableBytes(of: &bytes) { raw in
            let milliseconds = UInt64(max(0, timestamp.microsecondsSinceEpoch / 1_000))
            for index in 0..<6 { raw[index] = UInt8(truncatingIfNeeded: milliseconds >> (40 - 8 * UInt64(index))) }
            raw[6] = 0x70 | raw[6] & 0x0f
            raw[8] = 0x80 | raw[8] & 0x3f
        }
        return withUnsafeBytes(of: bytes) { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
    }
}
