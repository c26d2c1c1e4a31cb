public import Foundation

/// JSON with sorted keys and unescaped slashes: byte for byte what `JSONEncoder.canonical` writes, in a
/// fraction of its time.
///
/// Every command encodes its events' payloads and its answer, and on the busiest path (a heartbeat) Foundation's
/// `JSONEncoder` was a ninth of the server's CPU: it builds a tree of dictionaries and reference boxes for
/// even the smallest answer. This encoder builds a much lighter tree (`JSONNode`) and writes it out. What it
/// does not write exactly as `JSONEncoder` would (floating-point numbers, dates, data, decimals: none of them
/// in events or answers today) it hands to `JSONEncoder.canonical` instead, so the bytes never differ. The
/// busiest objects skip the tree as well: they write their members themselves (`JSONMembersWriting`).
public enum CanonicalJSON {
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        if let objectType = Value.self as? any JSONMembersWriting.Type {
            return try JSONMembers.bytes(of: value, as: objectType)
        }
        do {
            let node = try JSONNodeEncoder.node(for: value, at: [])
            if case .unset = node { throw JSONNodeEncoder.Unsupported() }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(256)
            node.write(into: &bytes)
            return bytes
        } catch is JSONNodeEncoder.Unsupported {
            return Array(try JSONEncoder.canonical.encode(value))
        }
    }

    public static func data<Value: Encodable>(_ value: Value) throws -> Data {
        Data(try encode(value))
    }
}
