public import Foundation

/// An instant in UTC with microsecond precision: the resolution of the log's `recorded-at`.
///
/// It exists so that every instant the log stores round-trips exactly through exports, hashes and
/// text formats, which `Date`'s floating-point seconds do not guarantee.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public let microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    public init(_ date: Date) {
        self.microsecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    public var date: Date {
        Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    /// `2026-11-23T11:19:00.123456Z`: ISO 8601, UTC, always six fractional digits.
    public var iso8601: String { CivilTime(self).formatted(dateTimeSeparator: UInt8(ascii: "T"), suffix: UInt8(ascii: "Z")) }

    /// `2026-11-23 11:19:00.123456`: UTC with a space and no zone, the form of SQL and of older HTTP APIs.
    public var spaceSeparated: String { CivilTime(self).formatted(dateTimeSeparator: UInt8(ascii: " "), suffix: nil) }

    /// `2026-11-23T11:19:00Z`: ISO 8601, UTC, whole seconds (the fraction is dropped, not rounded).
    public var iso8601Seconds: String { String(iso8601.prefix(19)) + "Z" }

    public var description: String { iso8601 }

    /// Parses ISO 8601 in UTC: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of up to six digits, and `Z`
    /// (or no zone at all, read as UTC). The space separator of the Hot Potato format is accepted too.
    public init?(iso8601 text: some StringProtocol) {
        guard let civil = CivilTime(parsing: text) else { return nil }
        self = civil.timestamp
    }
}

/// Where the log reads the time. Tests drive it by hand; the server uses the system clock.
public protocol WallClock: Sendable {
    func now() -> Timestamp
}

/// The operating system's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(microsecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1_000)
    }
}

/// A timestamp in JSON is its ISO 8601 text, microseconds included, so payloads stay readable and exact.
extension Timestamp: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let timestamp = Timestamp(iso8601: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 time: \(text)"))
        }
        self = timestamp
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
