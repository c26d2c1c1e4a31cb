/// A JSON object that names its members itself, so that `CanonicalJSON` writes it straight to bytes
/// instead of through `Encoder` containers.
///
/// The busiest answers and payloads (a heartbeat's, and the Hot Potato envelope around every answer) are
/// small objects, yet going through Codable boxed a container, made an encoder and a coding path for every
/// nested value, and built a tree to sort the keys: about 8 µs of a heartbeat's 100 µs of server CPU. A
/// conforming type lists its members once, in `writeMembers(to:)`; its `Encodable` conformance is those same
/// members put into the encoder's keyed container, so `JSONEncoder` and `CanonicalJSON` write the same
/// bytes by construction. `CanonicalJSONTests` holds the byte writer to `JSONEncoder` with a type listing
/// every kind of member, and the heartbeat payload to its bytes; the Hot Potato tests hold the envelope and
/// the heartbeat's answer to theirs. Decoding is untouched.
/// Members listed in key order are written as they come; any other order costs a sort.
public protocol JSONMembersWriting: Encodable {
    func writeMembers(to members: inout JSONMembers) throws
}

extension JSONMembersWriting {
    public func encode(to encoder: any Encoder) throws {
        var members = JSONMembers(into: encoder.container(keyedBy: JSONMemberKey.self))
        try writeMembers(to: &members)
    }
}

/// The key of a member that `JSONMembersWriting` hands to an encoder's keyed container.
public struct JSONMemberKey: CodingKey {
    public let stringValue: String
    public var intValue: Int? { nil }

    public init(stringValue: String) {
        self.stringValue = stringValue
    }

    public init?(intValue: Int) {
        nil
    }
}
