import Crypto

/// A SHA-256 link of the log's hash chain: `hash(n) = SHA-256(hash(n-1) ‖ canonical bytes of event n)`.
///
/// Kept as four words rather than an array so that every recorded event carries it without an allocation.
public struct EventHash: Sendable, Hashable, CustomStringConvertible {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The link before position 1.
    public static let genesis = EventHash(words: (0, 0, 0, 0))

    private init(words: (UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    /// Reads 32 bytes; `nil` when there are not exactly 32.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        self = .genesis
        withUnsafeMutableBytes(of: &words) { $0.copyBytes(from: bytes) }
    }

    /// Parses 64 hexadecimal digits.
    public init?(hex: some StringProtocol) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = EventHash.nibble(digits[index]), let low = EventHash.nibble(digits[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        self.init(bytes: bytes)
    }

    /// The next link: this hash followed by `canonicalBytes`, hashed.
    func chained(with canonicalBytes: UnsafeRawBufferPointer) -> EventHash {
        var hasher = SHA256()
        withUnsafeBytes { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: canonicalBytes)
        var next = EventHash.genesis
        hasher.finalize().withUnsafeBytes { digest in
            withUnsafeMutableBytes(of: &next.words) { $0.copyMemory(from: digest) }
        }
        return next
    }

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: words, body)
    }

    public var hex: String {
        let alphabet = Array("0123456789abcdef".utf8)
        var digits = [UInt8]()
        digits.reserveCapacity(64)
        for byte in withUnsafeBytes({ Array($0) }) {
            digits.append(alphabet[Int(byte >> 4)])
            digits.append(alphabet[Int(byte & 0x0f)])
        }
        return String(decoding: digits, as: UTF8.self)
    }

    public var description: String { hex }

    public static func == (lhs: EventHash, rhs: EventHash) -> Bool {
        lhs.words == rhs.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: return digit - 0x30
        case 0x61...0x66: return digit - 0x61 + 10
        case 0x41...0x46: return digit - 0x41 + 10
        default: return nil
        }
    }
}
