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
    /// Each byte's digit value, or 0xff for a byte that is not a digit.
    private static let digitValues: [UInt8] = {
        var values = [UInt8](repeating: 0xff, count: 256)
        for (value, digit) in alphabet.enumerated() { values[Int(digit)] = UInt8(value) }
        return values
    }()
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
        let utf8 = text.utf8
        guard let separator = utf8.lastIndex(of: UInt8(ascii: "_")),
              let uuid = Self.decode(utf8[utf8.index(after: separator)...]),
              let prefix = String(utf8[..<separator])
        else { return nil }
        self.init(prefix: prefix, uuid: uuid)
    }

    /// Parses an id that must be of kind `prefix`.
    public init?(_ text: String, prefix: String) {
        guard let id = TypeID(text), id.prefix == prefix else { return nil }
        self = id
    }

    public var description: String {
        prefix + "_" + Self.encode(uuid)
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
        let bytes = prefix.utf8
        guard (1...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
              isLetter(first), isLetter(last)
        else { return false }
        return bytes.allSatisfy { isLetter($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    /// The 128 bits, most significant first, as 26 five-bit digits (the first holds only 3 bits).
    private static func encode(_ uuid: UUID) -> String {
        var value = withUnsafeBytes(of: uuid.uuid) { UInt128(bigEndian: $0.loadUnaligned(as: UInt128.self)) }
        return String(unsafeUninitializedCapacity: suffixLength) { digits in
            for index in (0..<suffixLength).reversed() {
                digits[index] = alphabet[Int(truncatingIfNeeded: value & 31)]
                value >>= 5
            }
            return suffixLength
        }
    }

    private static func decode(_ digits: Substring.UTF8View) -> UUID? {
        guard digits.count == suffixLength, let first = digits.first, first <= UInt8(ascii: "7") else { return nil }
        var value: UInt128 = 0
        for digit in digits {
            let digitValue = digitValues[Int(digit)]
            guard digitValue != 0xff else { return nil }
            value = value << 5 | UInt128(digitValue)
        }
        return withUnsafeBytes(of: value.bigEndian) { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
    }
}
