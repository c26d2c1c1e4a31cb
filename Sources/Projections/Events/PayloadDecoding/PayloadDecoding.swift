public import Foundation

/// Decodes JSON exactly as `JSONDecoder` (default strategies) does, in a fraction of its time for the
/// plain JSON that `CanonicalJSON` writes.
///
/// A rebuild decodes every payload in the log, and `JSONDecoder` spent about 10 µs on even a two-field
/// heartbeat: half of a rebuild's CPU. This reads the document into a light tree (`ParsedJSON`) and
/// decodes from it (`ParsedJSONDecoder`). Whatever it does not read itself, or fails on, it hands to
/// `JSONDecoder` — even when the type being decoded caught the refusal and went on — so a value is the
/// same either way, and an error is always `JSONDecoder`'s own.
public enum PayloadDecoding {
    /// One for every fallback: `JSONDecoder` is thread-safe.
    private static let fallback = JSONDecoder()

    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try withoutFallback(type, from: data) ?? fallback.decode(type, from: data)
    }

    /// What the parsed tree alone gives: `nil` when the document needs `JSONDecoder`.
    static func withoutFallback<Value: Decodable>(_: Value.Type, from data: Data) -> Value? {
        withParsed(data) { ParsedJSONDecoder.decodeDocument(Value.self, from: $0) }
    }

    /// What `read` makes of the document as a parsed tree, which it must not keep: the tree refers to
    /// `data`'s bytes. `nil` when the document is one the parser leaves to `JSONDecoder`, or `read` gives
    /// `nil`.
    static func withParsed<Value>(_ data: Data, _ read: (ParsedJSON) -> Value?) -> Value? {
        data.withUnsafeBytes { bytes in
            guard let parsed = try? ParsedJSON.parse(bytes) else { return nil }
            return read(parsed)
        }
    }
}
