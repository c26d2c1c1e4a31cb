public import EventStore
public import Foundation

/// A typed, sortable id as Hotpot shows them: `orguser_01jbz45x59eynayzndz0jp10dz`.
///
/// A lower-case prefix naming the kind of thing, `_`, and a UUIDv7 written as 26 characters of lower-case
/// Crockford base 32 (the TypeID format). Ids are made when a command is handled, from the injected clock,
/// and carried in its events, so replaying the log never makes new ones.
public struct TypeID: Sendable, Hashable, Codable, LosslessStringConvertible {
    public let prefix: String
    public let uuid: UUID

    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    private static let suffixLength = 26

    /// `nil` when `prefix` is not 1 to 63 lower-case letters and underscores, starting and ending with a letter.
    public init?(prefix: String, uuid: UUID) {
        guard Self.isValid(prefix: prefix) else { return nil }
        self.prefix = prefix
        self.uuid = uuid
    }

    /// A new id of kind `prefix`, ordered by `timestamp`.
    public static func make(_ prefix: String, at timestamp: Timestamp) -> TypeID? {
        TypeID(prefix: prefix, uuid: .timeOrdered(at: timestamp))
    }

    /// Parses `prefix_suffix`; `nil` for anything else.
    public init?(_ text: String) {
        var text = text
        guard let id = text.withUTF8({ TypeID(utf8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = id
    }

    /// Parses the UTF-8 of `prefix_suffix`, as a payload holds it; `nil` for anything else.
    init?(utf8 bytes: UnsafeRawBufferPointer) {
        guard let (prefix, uuid) = Self.parse(bytes.assumingMemoryBound(to: UInt8.self)) else { return nil }
        self.prefix = prefix
        self.uuid = uuid
    }

    /// Parses an id that must be of kind `prefix`.
    public init?(_ text: String, prefix: String) {
        guard let id = TypeID(text), id.prefix == prefix else { return nil }
        self = id
    }

    public var description: String {
        String(decoding: utf8, as: UTF8.self)
    }

    /// The text's bytes, written straight from the prefix and the UUID: folds make keys of ids for
    /// nearly every event.
    public var utf8: [UInt8] {
        var prefix = prefix
        return prefix.withUTF8 { prefixBytes in
            [UInt8](unsafeUninitializedCapacity: prefixBytes.count + 1 + Self.suffixLength) { bytes, count in
                _ = bytes.initialize(from: prefixBytes)
                bytes[prefixBytes.count] = UInt8(ascii: "_")
                Self.encode(uuid, into: UnsafeMutableBufferPointer(rebasing: bytes[(prefixBytes.count + 1)...]))
                count = bytes.count
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = TypeID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a TypeID: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func isValid(prefix: String) -> Bool {
        var prefix = prefix
        return prefix.withUTF8(isValid(prefix:))
    }

    private static func isValid(prefix bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (1...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
              isLetter(first), isLetter(last)
        else { return false }
        return bytes.allSatisfy { isLetter($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    /// The prefix and the UUID of `prefix_suffix`, read straight from its bytes: ids are parsed for
    /// nearly every event a rebuild decodes.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, UUID)? {
        guard let separator = bytes.lastIndex(of: UInt8(ascii: "_")) else { return nil }
        let prefix = UnsafeBufferPointer(rebasing: bytes[..<separator])
        guard isValid(prefix: prefix), let uuid = decode(UnsafeBufferPointer(rebasing: bytes[(separator + 1)...])) else {
            return nil
        }
        return (String(decoding: prefix, as: UTF8.self), uuid)
    }

    /// The 128 bits, most significant first, as 26 five-bit digits (the first holds only 3 bits).
    private static func encode(_ uuid: UUID, into digits: UnsafeMutableBufferPointer<UInt8>) {
        var value = withUnsafeBytes(of: uuid.uuid) { UInt128(bigEndian: $0.loadUnaligned(as: UInt128.self)) }
        alphabet.withUnsafeBufferPointer { alphabet in
            for index in (0..<suffixLength).reversed() {
                digits[index] = alphabet[Int(truncatingIfNeeded: value & 31)]
                value >>= 5
            }
        }
    }

    private static func decode(_ digits: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard digits.count == suffixLength, let first = digits.first, first <= UInt8(ascii: "7") else { return nil }
        let value = digitValues.withUnsafeBufferPointer { values -> UInt128? in
            var value: UInt128 = 0
            // A digit outside the alphabet is 0xff: or'ed together, the values have a bit above the fifth.
            var seen: UInt8 = 0
            for digit in digits {
                let digitValue = values[Int(digit)]
                seen |= digitValue
                value = value << 5 | UInt128(digitValue & 31)
            }
            return seen < 32 ? value : nil
        }
        return value.map { value in withUnsafeBytes(of: value.bigEndian) { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) } }
    }

    /// Each byte's value as a digit of `alphabet` (Crockford's base 32 without `i`, `l`, `o` and `u`), 0xff
    /// for a byte that is not one: a table, because ids are parsed for nearly every event a rebuild decodes.
    private static let digitValues: [UInt8] = {
        var values = [UInt8](repeating: 0xff, count: 256)
        for (value, digit) in alphabet.enumerated() { values[Int(digit)] = UInt8(value) }
        return values
    }()
}
