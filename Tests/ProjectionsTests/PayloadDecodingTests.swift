import EventStore
import Foundation
@testable import Projections
import Testing

@Suite("Payload decoding")
struct PayloadDecodingTests {
    /// Decodes `json` as `Value` both ways; both must agree with each other (compared as canonical JSON) or
    /// both fail. Returns whether the fast path read it itself.
    @discardableResult
    private func expectSameAsJSONDecoder<Value: Codable>(
        _ json: String, as _: Value.Type, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Bool {
        let data = Data(json.utf8)
        try expectDecodesAsJSONDecoder(data, decodedBy: { try PayloadDecoding.decode(Value.self, from: $0) }, sourceLocation: sourceLocation)
        return PayloadDecoding.withoutFallback(Value.self, from: data) != nil
    }

    @Test("every event of a generated history decodes as JSONDecoder decodes it, without falling back")
    func generatedHistory() throws {
        var types = Set<String>()
        for event in generatedEvents(seed: 11) {
            #expect(try roundTrip(event))
            types.insert(type(of: event).eventType)
        }
        #expect(types.count >= 10)
    }

    /// Whether `event`'s payload decodes to itself, read by the fast path alone.
    private func roundTrip<Event: DomainEvent>(_ event: Event) throws -> Bool {
        let json = String(decoding: try CanonicalJSON.encode(event), as: UTF8.self)
        return try expectSameAsJSONDecoder(json, as: Event.self)
    }

    @Test("escapes, characters beyond ASCII, nested containers, nulls and missing optionals")
    func values() throws {
        #expect(try expectSameAsJSONDecoder(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC\u0000", "é😀", ""]"#, as: [String].self))
        #expect(try expectSameAsJSONDecoder(#" { "a" : [ [1, -2], [] ] , "b" : {"c": null} } "#, as: Nested.self))
        #expect(try expectSameAsJSONDecoder(#"{"a": [[0]]}"#, as: Nested.self))
        #expect(try expectSameAsJSONDecoder(#"{"max": {"x": 9223372036854775807}, "min": {"x": -9223372036854775808}}"#, as: [String: Limits].self))
        #expect(try expectSameAsJSONDecoder(#"[9223372036854775807, -9223372036854775808, 0, -0]"#, as: [Int64].self))
        #expect(try expectSameAsJSONDecoder(#"[18446744073709551615]"#, as: [UInt64].self))
        #expect(try expectSameAsJSONDecoder(#"{"1": true, "20": false}"#, as: [Int: Bool].self))
    }

    @Test("optional members present, null or missing, and ids and times, read as JSONDecoder reads them")
    func optionalsAndScalars() throws {
        let id = #""server_01m84dfmsee9vbsz07ed2317b6""#, time = #""2026-11-02T09:00:00.123456Z""#
        #expect(try expectSameAsJSONDecoder(
            #"{"text": "a", "flag": true, "count": -3, "small": 7, "id": \#(id), "at": \#(time), "ids": [\#(id)]}"#, as: Optionals.self))
        #expect(try expectSameAsJSONDecoder(
            #"{"text": null, "flag": null, "count": null, "small": null, "id": null, "at": null, "ids": null, "ratio": null}"#,
            as: Optionals.self))
        #expect(try expectSameAsJSONDecoder("{}", as: Optionals.self))
        #expect(try !expectSameAsJSONDecoder(#"{"ratio": 0.5}"#, as: Optionals.self))
        #expect(try !expectSameAsJSONDecoder(#"{"small": 300}"#, as: Optionals.self))
        #expect(try !expectSameAsJSONDecoder(#"{"count": "3"}"#, as: Optionals.self))
        #expect(try !expectSameAsJSONDecoder(#"{"id": "not an id"}"#, as: Optionals.self))
        #expect(try !expectSameAsJSONDecoder(#"{"at": 5}"#, as: Optionals.self))
        #expect(try expectSameAsJSONDecoder(#"[\#(id), \#(id)]"#, as: [TypeID].self))
        #expect(try !expectSameAsJSONDecoder(#"["2026-13-02T09:00:00Z"]"#, as: [Timestamp].self))
    }

    @Test("what the fast path does not read gives JSONDecoder's value or JSONDecoder's error")
    func fallbacks() throws {
        #expect(try !expectSameAsJSONDecoder("[1.5, 2e3, -0.0]", as: [Double].self))
        #expect(try !expectSameAsJSONDecoder("[1.0]", as: [Int].self))
        #expect(try !expectSameAsJSONDecoder(#"["\ud83d\ude00"]"#, as: [String].self))
        #expect(try !expectSameAsJSONDecoder(#"{"a": 1, "a": 2}"#, as: [String: Int].self))
        #expect(try !expectSameAsJSONDecoder("[256]", as: [UInt8].self))
        #expect(try !expectSameAsJSONDecoder("[01]", as: [Int].self))
        #expect(try !expectSameAsJSONDecoder(#"{"a": "x"}"#, as: [String: Int].self))
        #expect(try !expectSameAsJSONDecoder(#"{"b": {"c": null}}"#, as: Nested.self))
        #expect(try !expectSameAsJSONDecoder("[1, 2", as: [Int].self))
        #expect(try !expectSameAsJSONDecoder("[1] x", as: [Int].self))
        #expect(try !expectSameAsJSONDecoder(String(repeating: "[", count: 100) + String(repeating: "]", count: 100), as: JSONValue.self))
        #expect(try !expectSameAsJSONDecoder("\"tab\there\"", as: String.self))
        let invalidUTF8 = Data([0x5b, 0x22, 0xff, 0x22, 0x5d])
        #expect(throws: (any Error).self) { try PayloadDecoding.decode([String].self, from: invalidUTF8) }
    }

    @Test("a type that swallows a refusal and decodes something else is decoded by JSONDecoder")
    func swallowedRefusal() throws {
        #expect(try !expectSameAsJSONDecoder(#"{"value": 5}"#, as: Lenient.self))
        #expect(try PayloadDecoding.decode(Lenient.self, from: Data(#"{"value": 5}"#.utf8)).value == 5)
    }

    @Test("a null where a value was wanted is valueNotFound, as JSONDecoder says, and 128-bit integers fall back")
    func errorKinds() throws {
        #expect(try expectSameAsJSONDecoder(#"{"note": null}"#, as: NullAware.self))
        #expect(try PayloadDecoding.decode(NullAware.self, from: Data(#"{"note": null}"#.utf8)).note == "was null")
        #expect(try !expectSameAsJSONDecoder(#"{"note": 5}"#, as: NullAware.self))
        #expect(try !expectSameAsJSONDecoder(#"{"big": 5}"#, as: Wide.self))
    }

    @Test("an object with many members finds a key given twice")
    func manyMembers() throws {
        let members = (0..<40).map { #""k\#($0)": \#($0)"# } + [#""k3": 0"#]
        #expect(try !expectSameAsJSONDecoder("{" + members.joined(separator: ",") + "}", as: [String: Int].self))
        #expect(try expectSameAsJSONDecoder("{" + members.dropLast().joined(separator: ",") + "}", as: [String: Int].self))
    }

    @Test("an escape, a character beyond ASCII or a control character anywhere in a long string", arguments: [0, 7, 8, 9, 16, 23])
    func longStrings(plain: Int) throws {
        let prefix = String(repeating: "a", count: plain)
        #expect(try expectSameAsJSONDecoder(#"["\#(prefix)\"q", "\#(prefix)\\b", "\#(prefix)\u00e9", "\#(prefix)é😀", "\#(prefix)"]"#, as: [String].self))
        #expect(try !expectSameAsJSONDecoder("[\"\(prefix)\tx\"]", as: [String].self))
        #expect(try !expectSameAsJSONDecoder("[\"\(prefix)\u{7f}\u{1f}\"]", as: [String].self))
        #expect(try !expectSameAsJSONDecoder("[\"\(prefix)", as: [String].self))
        let invalidUTF8 = Data("[\"\(prefix)".utf8) + Data([0xff, 0x22, 0x5d])
        #expect(throws: (any Error).self) { try PayloadDecoding.decode([String].self, from: invalidUTF8) }
    }

    @Test("keys beyond ASCII are looked up as JSONDecoder looks them up, as equivalent strings")
    func keysBeyondASCII() throws {
        #expect(try expectSameAsJSONDecoder(#"{"K": 1}"#, as: Kelvin.self))
        #expect(try !expectSameAsJSONDecoder(#"{"\#u{212A}": 1}"#, as: [String: Int].self))
        #expect(try !expectSameAsJSONDecoder(#"{"caf\#u{E9}": "x"}"#, as: [String: String].self))
        #expect(try !expectSameAsJSONDecoder(#"{"\u0041": "y"}"#, as: [String: String].self))
    }

    /// A member named by the Kelvin sign, which `String` holds equal to a `K`.
    private struct Kelvin: Codable {
        let degrees: Int

        enum CodingKeys: String, CodingKey {
            case degrees = "\u{212A}"
        }
    }

    private struct Optionals: Codable {
        let text: String?
        let flag: Bool?
        let count: Int64?
        let small: UInt8?
        let ratio: Double?
        let id: TypeID?
        let at: Timestamp?
        let ids: [TypeID]?
    }

    private struct Nested: Codable {
        let a: [[Int]]
        let b: Inner?
        struct Inner: Codable { let c: String? }
    }

    /// Reads a number if it can, and -1 otherwise.
    private struct Lenient: Codable {
        let value: Double

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            value = (try? container.decode(Double.self, forKey: .value)) ?? -1
        }
    }

    /// Tells a null apart from a value of another type, by the kind of error.
    private struct NullAware: Codable {
        let note: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            do {
                note = try container.decode(String.self, forKey: .note)
            } catch DecodingError.valueNotFound {
                note = "was null"
            }
        }
    }

    /// Reads a 128-bit integer if it can, and says "none" otherwise.
    private struct Wide: Codable {
        let big: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            big = (try? container.decode(Int128.self, forKey: .big)).map { "\($0)" } ?? "none"
        }
    }

    private struct Limits: Codable {
        let x: Int64
    }
}
