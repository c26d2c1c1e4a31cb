import EventStore
import Foundation
import Projections
import Testing

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    private func expectSameBytes<Value: Encodable>(_ value: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = String(decoding: try JSONEncoder.canonical.encode(value), as: UTF8.self)
        let written = String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
        #expect(written == expected, sourceLocation: sourceLocation)
    }

    @Test("every event of a generated history is written byte for byte as JSONEncoder writes it")
    func generatedHistory() throws {
        var types = Set<String>()
        for event in generatedEvents(seed: 7) {
            try expectSameBytes(event)
            types.insert(type(of: event).eventType)
        }
        #expect(types.count >= 10)
    }

    @Test("strings: every ASCII character, quotes, backslashes, slashes and characters beyond ASCII")
    func strings() throws {
        let ascii = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self)
        try expectSameBytes([ascii, #"a "quoted" \ back/slash"#, "é😀\u{2028}\u{2029}\u{FEFF}", ""])
    }

    @Test("keys are sorted by their bytes; integer keys are strings")
    func keys() throws {
        let keys = ["b", "a", "B", "a10", "a9", "a_b", "ab", "aB", "é", "ä", "Z", "_z", "a-b", "10", "9", "", "a\"b"]
        try expectSameBytes(Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) }))
        try expectSameBytes([1: "x", 10: "y", 2: "z", -3: "w"])
    }

    @Test("integers at their limits, booleans, nulls and missing optionals, empty values")
    func scalars() throws {
        try expectSameBytes(Scalars())
        try expectSameBytes([Int64.min, Int64.max])
        try expectSameBytes([UInt64.max])
        try expectSameBytes([Nothing()])
        try expectSameBytes([[Int]](repeating: [], count: 2))
    }

    @Test("nested containers, super encoders and a key encoded twice")
    func containers() throws {
        try expectSameBytes(Handwritten())
        try expectSameBytes(["outer": Handwritten()])
    }

    @Test("numbers with a fraction, dates, data and URLs are left to JSONEncoder, with the same bytes")
    func leftToJSONEncoder() throws {
        try expectSameBytes([0.5, 1e-7, 5, -0.0, 1e20])
        try expectSameBytes(["at": Date(timeIntervalSince1970: 0)])
        try expectSameBytes(["bytes": Data([1, 2, 3])])
        try expectSameBytes(["link": URL(string: "https://example.com/a/b")])
        try expectSameBytes(["ratio": Float(0.25)])
    }

    @Test("an object that writes its own members is written as JSONEncoder writes it, keys sorted whatever their order")
    func membersWritten() throws {
        let id = try makeID("srv", 1)
        let listed = Listed(id: id, at: Timestamp(microsecondsSinceEpoch: 1_531_188_537_717_142))
        try expectSameBytes(listed)
        try expectSameBytes(["outer": listed])
        try expectSameBytes([Listed(id: id, at: Timestamp(microsecondsSinceEpoch: 0), present: "here")])
        let written = String(decoding: try CanonicalJSON.encode(listed.inner), as: UTF8.self)
        #expect(written == #"{"a":[1,2],"b":null}"#)
    }

    @Test("a heartbeat's payload keeps the bytes its synthesized Codable wrote")
    func heartbeatPayload() throws {
        let server = try makeID("srv", 1), organization = try makeID("org", 2)
        let payload = String(decoding: try CanonicalJSON.encode(HeartbeatReceived(serverID: server, organizationID: organization)), as: UTF8.self)
        #expect(payload == #"{"organization_id":"\#(organization)","server_id":"\#(server)"}"#)
    }

    @Test("what JSONEncoder refuses is refused")
    func refusals() {
        #expect(throws: EncodingError.self) { try CanonicalJSON.encode(Double.nan) }
        #expect(throws: EncodingError.self) { try CanonicalJSON.encode(Nothing()) }
    }
}

private struct Scalars: Encodable {
    var yes = true
    var no = false
    var absent: String?
    var int8 = Int8.min
    var uint16 = UInt16.max
    var int32 = Int32.min
    var uint = UInt.max

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(yes, forKey: .yes)
        try container.encode(no, forKey: .no)
        try container.encodeIfPresent(absent, forKey: .absent)
        try container.encode(absent, forKey: .nullable)
        try container.encodeNil(forKey: .explicitNull)
        try container.encode(int8, forKey: .int8)
        try container.encode(uint16, forKey: .uint16)
        try container.encode(int32, forKey: .int32)
        try container.encode(uint, forKey: .uint)
    }

    enum CodingKeys: String, CodingKey {
        case yes, no, absent, nullable, explicitNull = "explicit_null", int8, uint16, int32, uint
    }
}

/// Members of every kind `JSONMembers` writes itself, and some it leaves to the encoders, listed out of order.
private struct Listed: JSONMembersWriting {
    let id: TypeID
    let at: Timestamp
    var present: String?
    var inner = Inner()

    func writeMembers(to members: inout JSONMembers) throws {
        try members.write("zeta \"quoted\" / é", for: JSONMemberKey(stringValue: "zeta"))
        try members.write(inner, for: JSONMemberKey(stringValue: "inner"))
        try members.write(id, for: JSONMemberKey(stringValue: "id"))
        try members.write(at, for: JSONMemberKey(stringValue: "at"))
        try members.write(Int.min, for: JSONMemberKey(stringValue: "int"))
        try members.write(Int64.max, for: JSONMemberKey(stringValue: "int64"))
        try members.write(UInt64.max, for: JSONMemberKey(stringValue: "uint64"))
        try members.write(false, for: JSONMemberKey(stringValue: "B"))
        try members.write(present, for: JSONMemberKey(stringValue: "nullable"))
        try members.writeIfPresent(present, for: JSONMemberKey(stringValue: "absent"))
        try members.write(["k": 0.5], for: JSONMemberKey(stringValue: "left_to_encoders"))
        try members.write(Int8(-7), for: JSONMemberKey(stringValue: "a"))
    }

    struct Inner: JSONMembersWriting {
        func writeMembers(to members: inout JSONMembers) throws {
            try members.write(Optional<Int>.none, for: JSONMemberKey(stringValue: "b"))
            try members.write([1, 2], for: JSONMemberKey(stringValue: "a"))
        }
    }
}

private struct Nothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

private struct Handwritten: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(1, forKey: .twice)
        try container.encode("second", forKey: .twice)
        var nested = container.nestedContainer(keyedBy: Key.self, forKey: .nested)
        try nested.encode([1, 2], forKey: .list)
        var list = container.nestedUnkeyedContainer(forKey: .list)
        try list.encode("a")
        try list.encodeNil()
        var inner = list.nestedContainer(keyedBy: Key.self)
        try inner.encode(true, forKey: .twice)
        var innerList = list.nestedUnkeyedContainer()
        try innerList.encode(UInt8(7))
        var elementSuper = list.superEncoder().singleValueContainer()
        try elementSuper.encode("from the element's super encoder")
        var superValue = container.superEncoder().singleValueContainer()
        try superValue.encode("from super")
        var keyedSuper = container.superEncoder(forKey: .keyedSuper).container(keyedBy: Key.self)
        try keyedSuper.encode(3, forKey: .list)
    }

    enum Key: String, CodingKey {
        case twice, nested, list, keyedSuper = "keyed_super"
    }
}
