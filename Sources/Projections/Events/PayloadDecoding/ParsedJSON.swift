import Foundation

/// A JSON document parsed for decoding: what `ParsedJSONDecoder` reads.
///
/// Only the plainest JSON is parsed; anything a strict reading could take two ways (a key given twice, an
/// escaped surrogate, a number with a fraction or an exponent) is `ParsedJSON.Unsupported`, and the caller
/// hands the document to `JSONDecoder` instead. Keys, integers and strings of plain ASCII stay where they
/// are written (`JSONText`), so a tree is read only while its document's bytes are: inside
/// `PayloadDecoding.withParsed`.
enum ParsedJSON {
    case null
    case bool(Bool)
    /// An integer, as it was written.
    case integer(JSONText)
    /// A string of printable ASCII without escapes, as it was written: most strings of a payload, ids
    /// above all, which are parsed from these bytes without a `String` in between.
    case ascii(JSONText)
    /// Any other string, its escapes resolved.
    case string(String)
    case array([ParsedJSON])
    /// The members in the order written. A key with an escape or a byte outside ASCII is left to `JSONDecoder`.
    case object([(key: JSONText, value: ParsedJSON)])

    /// The document is not one this parser reads, or not JSON at all: `JSONDecoder` will say which.
    struct Unsupported: Error {}

    /// Parses a whole document: one value, with nothing but whitespace around it. The tree refers to
    /// `bytes`, and is read only while they are.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(Unsupported) -> ParsedJSON {
        var parser = Parser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.isAtEnd else { throw Unsupported() }
        return value
    }
}

/// Bytes of a parsed document exactly as written, ASCII only: a key, an integer or a plain string.
struct JSONText {
    let bytes: UnsafeRawBufferPointer

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether these are the bytes of `name`, given as UTF-8 of plain ASCII.
    func equals(ascii name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count == bytes.count else { return false }
        guard let name = name.baseAddress, let bytes = bytes.baseAddress else { return true }
        return memcmp(name, bytes, self.bytes.count) == 0
    }

    func equals(_ other: JSONText) -> Bool {
        equals(ascii: other.bytes.assumingMemoryBound(to: UInt8.self))
    }
}

/// A recursive-descent reading of `bytes`.
private struct Parser {
    let bytes: UnsafeRawBufferPointer
    var index = 0
    /// Deeper documents are left to `JSONDecoder`, so that no input can exhaust the stack here.
    static let maxDepth = 64
    /// Objects up to this many members look for a repeated key member by member.
    static let linearKeySearch = 16

    var isAtEnd: Bool { index == bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0a, 0x0d: index += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(ParsedJSON.Unsupported) -> ParsedJSON {
        guard depth < Self.maxDepth else { throw .init() }
        skipWhitespace()
        guard index < bytes.count else { throw .init() }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .integer(try integer())
        }
    }

    private mutating func object(depth: Int) throws(ParsedJSON.Unsupported) -> ParsedJSON {
        index += 1
        var members: [(key: JSONText, value: ParsedJSON)] = []
        // Room for a typical payload's members, instead of growing from one to two, four and eight.
        members.reserveCapacity(8)
        // The keys of a large object, to find one given twice without comparing all pairs.
        var keys: Set<String> = []
        skipWhitespace()
        if try consume(UInt8(ascii: "}")) { return .object(members) }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), case .ascii(let key) = try string() else {
                throw .init()
            }
            skipWhitespace()
            guard try consume(UInt8(ascii: ":")) else { throw .init() }
            let value = try value(depth: depth + 1)
            if members.count < Self.linearKeySearch {
                guard !members.contains(where: { $0.key.equals(key) }) else { throw .init() }
            } else {
                if keys.isEmpty { keys = Set(members.map(\.key.string)) }
                guard keys.insert(key.string).inserted else { throw .init() }
            }
            members.append((key, value))
            skipWhitespace()
        } while try consume(UInt8(ascii: ","))
        guard try consume(UInt8(ascii: "}")) else { throw .init() }
        return .object(members)
    }

    private mutating func array(depth: Int) throws(ParsedJSON.Unsupported) -> ParsedJSON {
        index += 1
        var elements: [ParsedJSON] = []
        skipWhitespace()
        if try consume(UInt8(ascii: "]")) { return .array(elements) }
        repeat {
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
        } while try consume(UInt8(ascii: ","))
        guard try consume(UInt8(ascii: "]")) else { throw .init() }
        return .array(elements)
    }

    /// Moves past `byte` if it is next.
    private mutating func consume(_ byte: UInt8) throws(ParsedJSON.Unsupported) -> Bool {
        guard index < bytes.count else { throw .init() }
        guard bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func literal(_ word: StaticString) throws(ParsedJSON.Unsupported) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count,
              UnsafeRawBufferPointer(start: word.utf8Start, count: count).elementsEqual(bytes[index..<index + count])
        else { throw .init() }
        index += count
    }

    /// An optional minus and digits, without leading zeros; a fraction or an exponent is unsupported.
    private mutating func integer() throws(ParsedJSON.Unsupported) -> JSONText {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digits = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        guard index > digits, bytes[digits] != UInt8(ascii: "0") || index == digits + 1 else { throw .init() }
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw .init()
            default: break
            }
        }
        return JSONText(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
    }

    /// A quoted string: plain ASCII as written, anything else with its escapes resolved and its bytes
    /// validated as UTF-8.
    private mutating func string() throws(ParsedJSON.Unsupported) -> ParsedJSON {
        index += 1
        let start = index
        skipPlainASCII()
        // Every byte's high bit, or'ed: a string with none set is ASCII, valid without a second look.
        var highBits: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                defer { index += 1 }
                let utf8 = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                return highBits < 0x80 ? .ascii(JSONText(bytes: utf8)) : .string(try Self.validated(utf8))
            case UInt8(ascii: "\\"):
                return .string(try escapedString(from: start))
            case 0..<0x20:
                throw .init()
            default:
                highBits |= byte
                index += 1
            }
        }
        throw .init()
    }

    /// Moves past printable ASCII other than a quote or a backslash, eight bytes at a time: the bytes of
    /// most strings, ids above all, and nothing else tested byte by byte until the word that holds
    /// something more.
    private mutating func skipPlainASCII() {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while bytes.count - index >= 8 {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A byte's high bit in each term: below 0x20, equal to a quote, equal to a backslash, or beyond
            // ASCII (the classic test for a zero byte, `(x - 0x01…) & ~x & 0x80…`).
            let control = (word &- ones &* 0x20) & ~word
            let quotes = word ^ ones &* 0x22, backslashes = word ^ ones &* 0x5c
            let quote = (quotes &- ones) & ~quotes
            let backslash = (backslashes &- ones) & ~backslashes
            guard (control | quote | backslash | word) & highs == 0 else { return }
            index += 8
        }
    }

    /// The rest of a string that holds escapes, from its first byte at `start`.
    private mutating func escapedString(from start: Int) throws(ParsedJSON.Unsupported) -> String {
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try Self.validated(utf8)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw .init() }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0c)
                case UInt8(ascii: "n"): utf8.append(0x0a)
                case UInt8(ascii: "r"): utf8.append(0x0d)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
                default: throw .init()
                }
            case 0..<0x20:
                throw .init()
            default:
                utf8.append(byte)
            }
        }
        throw .init()
    }

    /// The UTF-8 of a `\uXXXX` escape outside the surrogates (a pair is left to `JSONDecoder`).
    private mutating func unicodeEscape() throws(ParsedJSON.Unsupported) -> String.UTF8View {
        guard bytes.count - index >= 4 else { throw .init() }
        var scalar: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Self.hexValue(byte) else { throw .init() }
            scalar = scalar << 4 | digit
        }
        index += 4
        guard let unicode = Unicode.Scalar(scalar) else { throw .init() }
        return String(Character(unicode)).utf8
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func validated(_ utf8: some Sequence<UInt8>) throws(ParsedJSON.Unsupported) -> String {
        guard let text = String(validating: utf8, as: UTF8.self) else { throw .init() }
        return text
    }
}
