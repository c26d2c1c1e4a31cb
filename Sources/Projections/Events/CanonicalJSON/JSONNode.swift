import Foundation

/// A value on its way to JSON: what `JSONNodeEncoder` builds and `CanonicalJSON` writes.
enum JSONNode {
    /// Nothing was encoded (yet): an empty object once written, as `JSONEncoder` writes one.
    case unset
    case null
    case bool(Bool)
    /// A number already rendered as JSON.
    case number(String)
    case string(String)
    case object(JSONObject)
    case array(JSONArray)
    /// A `superEncoder`'s value, known once its encoder is done.
    case deferred(JSONNodeEncoder)

    func write(into bytes: inout [UInt8]) {
        switch self {
        case .unset: bytes.append(contentsOf: "{}".utf8)
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let text): bytes.append(contentsOf: text.utf8)
        case .string(let text): JSONNode.writeString(text, into: &bytes)
        case .object(let object): object.write(into: &bytes)
        case .array(let array): array.write(into: &bytes)
        case .deferred(let encoder): encoder.node.write(into: &bytes)
        }
    }

    /// Quoted and escaped as `JSONEncoder` does it: the two-character escapes it knows, `\u00xx` for other
    /// control characters, everything else (slashes and non-ASCII included) as it is.
    static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                appendEscape(of: byte, to: &bytes)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(of byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0a: bytes.append(UInt8(ascii: "n"))
        case 0x0c: bytes.append(UInt8(ascii: "f"))
        case 0x0d: bytes.append(UInt8(ascii: "r"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0f)])
        }
    }
}

/// An object's members in the order they were encoded; written with the keys sorted by their UTF-8 bytes.
/// A later member with the same key replaces the earlier one, as in `JSONEncoder`.
final class JSONObject {
    private(set) var members: [(key: String, value: JSONNode)]

    init() {
        members = []
        members.reserveCapacity(8)
    }

    func set(_ value: JSONNode, forKey key: String) {
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key, value))
        }
    }

    func write(into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        let inOrder = zip(members, members.dropFirst()).allSatisfy { Self.precedes($0.key, $1.key) }
        let sorted = inOrder ? members : members.sorted { Self.precedes($0.key, $1.key) }
        for (offset, member) in sorted.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONNode.writeString(member.key, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            member.value.write(into: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
    }
}

extension JSONObject {
    /// Whether `first` sorts before `second` by their UTF-8 bytes, as `JSONEncoder` sorts keys.
    static func precedes(_ first: String, _ second: String) -> Bool {
        var first = first, second = second
        return first.withUTF8 { a in
            second.withUTF8 { b in
                guard let start = a.baseAddress, let other = b.baseAddress else { return a.count < b.count }
                let order = memcmp(start, other, min(a.count, b.count))
                return order < 0 || (order == 0 && a.count < b.count)
            }
        }
    }
}

/// An array's elements in the order they were encoded: a class, as `JSONObject` is, so that a container
/// encoder can keep appending to the array it handed out.
final class JSONArray {
    var elements: [JSONNode] = []

    func write(into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        for (offset, element) in elements.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            element.write(into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
