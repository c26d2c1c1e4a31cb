import Crypto
import Foundation

/// The clear secrets the gateway hands out once (API keys, client secrets, access tokens) and the digest
/// under which the log remembers them. Only `digest` ever reaches an event.
struct Secret: Sendable, Equatable {
    let clear: String

    /// 32 random bytes from the system's generator, as 64 lower-case hex digits.
    static func generate() -> Secret {
        var generator = SystemRandomNumberGenerator()
        return Secret(clear: hex((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    var digest: String {
        Self.digest(of: clear)
    }

    /// Lower-case hex SHA-256 of `text`'s UTF-8.
    static func digest(of text: String) -> String {
        var text = text
        let digest = text.withUTF8 { SHA256.hash(data: $0) }
        return digest.withUnsafeBytes { hex(Array($0)) }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
