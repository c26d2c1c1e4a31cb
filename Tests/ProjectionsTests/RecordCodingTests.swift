import EventStore
import Foundation
import Projections
import Testing

/// A record with every kind of field the read models use.
private struct Sample: Codable, Equatable {
    enum Kind: String, Codable { case first, second }

    struct Inner: Codable, Equatable {
        var at: Timestamp
        var note: String?
    }

    var name: String
    var id: TypeID
    var other: TypeID?
    var count: Int64
    var small: Int8
    var unsigned: UInt64
    var ratio: Double
    var flag: Bool
    var kind: Kind
    var missing: String?
    var list: [Inner]
    var ids: [TypeID]
    var nested: [[Int]]
    var table: [String: Int]
}

@Suite("Record coding")
struct RecordCodingTests {
    private static let sample = Sample(
        name: "Ana — 🚨", id: TypeID("orguser_01jbz45x59eynayzndz0jp10dz")!, other: nil, count: -1_234_567_890_123,
        small: -128, unsigned: .max, ratio: -0.125, flag: true, kind: .second, missing: nil,
        list: [.init(at: Timestamp(microsecondsSinceEpoch: 1_763_000_000_123_456), note: "x"),
               .init(at: Timestamp(microsecondsSinceEpoch: -5), note: nil)],
        ids: [TypeID("page_01jbz45y53eags7v2bwy6ztv28")!], nested: [[], [1, -2, 3]], table: ["a": 1])

    @Test("every kind of field comes back as it went in")
    func roundTrip() throws {
        let bytes = try RecordCoding.encode(Self.sample)
        #expect(try RecordCoding.decode(Sample.self, from: bytes) == Self.sample)
    }

    @Test("the same value always gives the same bytes")
    func deterministic() throws {
        #expect(try RecordCoding.encode(Self.sample) == RecordCoding.encode(Self.sample))
    }

    @Test("the bytes are the stored format's: records written by earlier builds read the same")
    func storedFormat() throws {
        let stored = [
            "07df01046e616d65060c416e6120e2809420f09f9aa80269640a076f7267757365720192fe42f4a977aaaf7eadf82560",
            "81bf05636f756e74039593d89fee4705736d616c6c03ff0108756e7369676e656404ffffffffffffffffff0105726174",
            "696f05000000000000c0bf04666c616702046b696e6406067365636f6e64046c697374081e0207140261740980c9f8cb",
            "8ddca106046e6f746506017807050261740909036964730817010a04706167650192fe42f8a372a193ec4be78dfd6c48",
            "066e6573746564080d02080100080703030203030306057461626c65070401610302",
        ].joined()
        #expect(try RecordCoding.encode(Self.sample).map { String(format: "%02x", $0) }.joined() == stored)
    }

    @Test("a record is smaller than its JSON")
    func compact() throws {
        #expect(try RecordCoding.encode(Self.sample).count < JSONEncoder().encode(Self.sample).count)
    }

    @Test("cut or damaged bytes are a decoding error, never a crash")
    func damaged() throws {
        let bytes = try RecordCoding.encode(Self.sample)
        for length in stride(from: 0, to: bytes.count, by: 3) {
            #expect(throws: DecodingError.self) { try RecordCoding.decode(Sample.self, from: Array(bytes.prefix(length))) }
        }
        var flipped = bytes
        for index in stride(from: 0, to: flipped.count, by: 7) { flipped[index] ^= 0xff }
        _ = try? RecordCoding.decode(Sample.self, from: flipped)
    }

    @Test("a number too large for the field is an error")
    func range() throws {
        let bytes = try RecordCoding.encode(Int64(300))
        #expect(throws: DecodingError.self) { try RecordCoding.decode(Int8.self, from: bytes) }
        #expect(try RecordCoding.decode(Int16.self, from: bytes) == 300)
    }
}
