import EventStore

/// Where a `JSONMembersWriting` value puts its members: straight into canonical JSON bytes when
/// `CanonicalJSON` writes it, or into an encoder's keyed container when any other encoder does.
///
/// Written as bytes, an object's members come out sorted by their keys' bytes, as `JSONEncoder.canonical`
/// sorts them, whatever order the type lists them in (a key with characters JSON escapes sorts by its
/// escaped form; no member's key has any). Each key is written once.
public struct JSONMembers {
    /// The bytes written so far, in the byte form.
    private(set) var bytes: [UInt8] = []
    /// The members of the objects being written, innermost last, for putting each object in key order.
    private var spans: [MemberSpan] = []
    /// Where the members of the innermost object being written start in `spans`.
    private var objectStart = 0
    /// The container of the keyed form; `nil` in the byte form.
    private var container: KeyedEncodingContainer<JSONMemberKey>?

    init() {
        bytes.reserveCapacity(256)
    }

    init(into container: KeyedEncodingContainer<JSONMemberKey>) {
        self.container = container
    }

    public mutating func write<Value: Encodable>(_ value: Value, for key: some CodingKey) throws {
        // A keyed container is a handle on its encoder's storage: a copy of it writes there too.
        if var container {
            return try container.encode(value, forKey: JSONMemberKey(stringValue: key.stringValue))
        }
        try appendMember(key) { try $0.appendValue(value) }
    }

    /// An optional member: `null` when absent, as a keyed container's `encode` writes it.
    public mutating func write<Wrapped: Encodable>(_ value: Wrapped?, for key: some CodingKey) throws {
        if let value { return try write(value, for: key) }
        if var container {
            return try container.encodeNil(forKey: JSONMemberKey(stringValue: key.stringValue))
        }
        appendMember(key) { $0.bytes.append(contentsOf: "null".utf8) }
    }

    /// An optional member left out when absent, as `encodeIfPresent` (and so synthesized Codable) does.
    public mutating func writeIfPresent<Wrapped: Encodable>(_ value: Wrapped?, for key: some CodingKey) throws {
        if let value { try write(value, for: key) }
    }

    /// `value`, whose type is `Object`, as canonical JSON.
    static func bytes<Value, Object: JSONMembersWriting>(of value: Value, as objectType: Object.Type) throws -> [UInt8] {
        var members = JSONMembers()
        try members.appendObject(value, as: objectType)
        return members.bytes
    }

    /// One member of the innermost object, in the byte form: its key, then the value `writeValue` writes.
    private mutating func appendMember(_ key: some CodingKey, _ writeValue: (inout JSONMembers) throws -> Void) rethrows {
        if spans.count > objectStart { bytes.append(UInt8(ascii: ",")) }
        let start = bytes.count
        JSONNode.writeString(key.stringValue, into: &bytes)
        let keyEnd = bytes.count
        bytes.append(UInt8(ascii: ":"))
        try writeValue(&self)
        spans.append(MemberSpan(start: start, keyEnd: keyEnd, end: bytes.count))
    }

    /// The types written here without an encoder: the ones answers and payloads are made of.
    private mutating func appendValue<Value: Encodable>(_ value: Value) throws {
        if Value.self == String.self {
            JSONNode.writeString(identical(value, as: String.self), into: &bytes)
        } else if Value.self == Bool.self {
            bytes.append(contentsOf: (identical(value, as: Bool.self) ? "true" : "false").utf8)
        } else if Value.self == Int.self {
            bytes.append(contentsOf: String(identical(value, as: Int.self)).utf8)
        } else if Value.self == Int64.self {
            bytes.append(contentsOf: String(identical(value, as: Int64.self)).utf8)
        } else if Value.self == UInt64.self {
            bytes.append(contentsOf: String(identical(value, as: UInt64.self)).utf8)
        } else if Value.self == TypeID.self {
            // An id's letters, digits and underscores need no escaping.
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: identical(value, as: TypeID.self).utf8)
            bytes.append(UInt8(ascii: "\""))
        } else if Value.self == Timestamp.self {
            JSONNode.writeString(identical(value, as: Timestamp.self).iso8601, into: &bytes)
        } else if let objectType = Value.self as? any JSONMembersWriting.Type {
            try appendObject(value, as: objectType)
        } else {
            bytes.append(contentsOf: try CanonicalJSON.encode(value))
        }
    }

    /// `value`, whose type is `Object`: its conformance is found from the type, as casting the value
    /// would box a copy of it.
    private mutating func appendObject<Value, Object: JSONMembersWriting>(_ value: Value, as _: Object.Type) throws {
        try appendObject(identical(value, as: Object.self))
    }

    private mutating func appendObject<Object: JSONMembersWriting>(_ object: Object) throws {
        let outerStart = objectStart
        objectStart = spans.count
        defer {
            spans.removeSubrange(objectStart...)
            objectStart = outerStart
        }
        bytes.append(UInt8(ascii: "{"))
        try object.writeMembers(to: &self)
        putMembersInKeyOrder()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Rewrites the innermost object's members sorted by key, unless they already are.
    private mutating func putMembersInKeyOrder() {
        let members = spans[objectStart...]
        guard let first = members.first,
              zip(members, members.dropFirst()).contains(where: { !precedes($0, $1) })
        else { return }
        let sorted = members.sorted(by: precedes)
        var rewritten: [UInt8] = []
        rewritten.reserveCapacity(bytes.count - first.start)
        for (offset, member) in sorted.enumerated() {
            if offset > 0 { rewritten.append(UInt8(ascii: ",")) }
            rewritten.append(contentsOf: bytes[member.start..<member.end])
        }
        bytes.replaceSubrange(first.start..., with: rewritten)
    }

    /// Whether `first`'s key sorts before `second`'s by their bytes, as `JSONEncoder` sorts keys.
    private func precedes(_ first: MemberSpan, _ second: MemberSpan) -> Bool {
        bytes[(first.start + 1)..<(first.keyEnd - 1)].lexicographicallyPrecedes(bytes[(second.start + 1)..<(second.keyEnd - 1)])
    }
}

/// A member written in the byte form: its quoted key at `start..<keyEnd`, the member up to `end`.
private struct MemberSpan {
    let start: Int
    let keyEnd: Int
    let end: Int
}
