import EventStore
import Foundation
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test("format as ISO 8601 with microseconds and parse back exactly", arguments: [
        Int64(0), 1_531_188_537_717_142, -1, 951_782_400_000_001, 4_102_444_799_999_999,
    ])
    func roundTrip(microseconds: Int64) {
        let timestamp = Timestamp(microsecondsSinceEpoch: microseconds)
        #expect(Timestamp(iso8601: timestamp.iso8601) == timestamp)
    }

    @Test("known instants")
    func known() {
        #expect(Timestamp(microsecondsSinceEpoch: 1_531_188_537_717_142).iso8601 == "2018-07-10T02:08:57.717142Z")
        #expect(Timestamp(iso8601: "2018-07-10 02:08:57.717142")?.microsecondsSinceEpoch == 1_531_188_537_717_142)
        #expect(Timestamp(iso8601: "2024-02-29T00:00:00Z")?.iso8601 == "2024-02-29T00:00:00.000000Z")
        #expect(Timestamp(iso8601: "2025-11-07T00:00:00.5")?.microsecondsSinceEpoch == 1_762_473_600_500_000)
    }

    @Test("reject what is not a timestamp", arguments: [
        "", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01", "2024-01-01T24:00:00Z",
        "2024-01-01T00:00:00.1234567Z", "2024-01-01T00:00:00+02:00", "garbage",
    ])
    func rejects(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }
}
