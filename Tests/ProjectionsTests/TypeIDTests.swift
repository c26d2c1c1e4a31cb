import EventStore
import Foundation
import Projections
import Testing

@Suite("TypeIDs")
struct TypeIDTests {
    @Test("the TypeID format's own examples, both ways", arguments: [
        ("00000000-0000-0000-0000-000000000000", "00000000000000000000000000"),
        ("00000000-0000-0000-0000-000000000001", "00000000000000000000000001"),
        ("01890A5D-AC96-774B-BCCE-B302099A8057", "01h455vb4pex5vsknk084sn02q"),
        ("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "7zzzzzzzzzzzzzzzzzzzzzzzzz"),
    ])
    func vectors(uuid: String, suffix: String) throws {
        let value = try #require(UUID(uuidString: uuid))
        let id = try #require(TypeID(prefix: "avail", uuid: value))
        #expect(id.description == "avail_" + suffix)
        #expect(id.utf8 == Array("avail_\(suffix)".utf8))
        #expect(TypeID("avail_" + suffix) == id)
    }

    @Test("Hotpot's example ids parse, keep their kind, and print back unchanged")
    func seedExamples() throws {
        let user = try #require(TypeID("orguser_01jbz45x59eynayzndz0jp10dz", prefix: "orguser"))
        #expect(user.description == "orguser_01jbz45x59eynayzndz0jp10dz")
        #expect(TypeID("orguser_01jbz45x59eynayzndz0jp10dz", prefix: "avail") == nil)
        let encoded = try JSONEncoder().encode([user])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["orguser_01jbz45x59eynayzndz0jp10dz"]"#)
        #expect(try JSONDecoder().decode([TypeID].self, from: encoded) == [user])
    }

    @Test("malformed ids are refused", arguments: [
        "", "avail", "avail_", "_01jbz45y53eags7v2bwy6ztv28", "Avail_01jbz45y53eags7v2bwy6ztv28",
        "avail_81jbz45y53eags7v2bwy6ztv28", "avail_01jbz45y53eags7v2bwy6ztv2", "avail_01jbz45y53eags7v2bwy6ztv2u",
        "avail-x_01jbz45y53eags7v2bwy6ztv28", "avail__01jbz45y53eags7v2bwy6ztv28",
    ])
    func malformed(text: String) {
        #expect(TypeID(text) == nil)
    }

    @Test("every digit of the alphabet reads as its value, and no other letter is a digit")
    func alphabet() throws {
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        for (value, digit) in alphabet.enumerated() {
            let id = try #require(TypeID("avail_" + String(repeating: "0", count: 25) + String(digit)))
            #expect(id.uuid.uuid.15 == UInt8(value))
        }
        for letter in "ilouABZ-_ " {
            #expect(TypeID("avail_" + String(repeating: "0", count: 25) + String(letter)) == nil)
        }
    }

    @Test("ids made later sort later, and carry the time they were made")
    func ordering() throws {
        let earlier = try #require(TypeID.make("avail", at: Timestamp(microsecondsSinceEpoch: 1_700_000_000_000_000)))
        let later = try #require(TypeID.make("avail", at: Timestamp(microsecondsSinceEpoch: 1_700_000_000_001_000)))
        #expect(earlier.description < later.description)
        #expect(earlier.description.dropFirst(6).hasPrefix("01hf"))
        #expect(TypeID.make("Bad", at: Timestamp(microsecondsSinceEpoch: 0)) == nil)
    }
}
