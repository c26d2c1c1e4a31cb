import Foundation

/// An event type that reads its members from the parsed payload's keyed container itself, instead of
/// through `init(from:)`: for the events a rebuild meets most (heartbeats, notifications and their pages).
///
/// `init(from:)` reaches the container through an existential `Decoder`, which boxes a container and
/// looks up generic metadata for every event, and reaches each member through unspecialized generic
/// calls: for a two-member heartbeat that was most of its decoding. A `ParsedPayload` calls the same
/// container's `decode` and `decodeIfPresent` directly, as its synthesized `init(from:)` would, so it reads
/// what Codable reads; and whatever it cannot read — anything that throws, or needs `JSONDecoder` — sends
/// the payload down the general path, which then gives its exact value or error (`ParsedPayloadTests`
/// holds the two to `JSONDecoder` over a generated history).
protocol ParsedPayload: DomainEvent {
    associatedtype Member: CodingKey
    init(_ members: ParsedJSONKeyedContainer<Member>) throws
}

extension ParsedPayload {
    public static func decode(payload: Data) throws -> Self {
        if let event = PayloadDecoding.withParsed(payload, { ParsedJSONDecoder.decodeObject($0, keyedBy: Member.self, Self.init) }) {
            return event
        }
        return try PayloadDecoding.decode(Self.self, from: payload)
    }
}
