import Foundation

/// The stored form of an envelope, version 1. All integers little-endian:
///
///     u8 format=1 · u64 position · u64 stream version · u64 previous position in the stream (0: none)
///     · 16 event id · u32 schema version
///     · i64 recorded-at (µs since the epoch, UTC) · u8 flags (1 correlation, 2 causation, 4 organization)
///     · [16 correlation id] · [16 causation id] · u16+bytes stream · u16+bytes type
///     · [u16+bytes organization] · u16+bytes actor · u32+bytes payload · 32 hash
///
/// Everything before the hash is the event's *canonical bytes*, the input of its hash-chain link, so
/// the chain is checked over exactly the bytes on disk.
enum EnvelopeCodec {
    static let format: UInt8 = 1
    static let hashSize = 32
    private static let fixedSize = 1 + 8 + 8 + 8 + 16 + 4 + 8 + 1

    /// The canonical size of `event` once stored in `stream`.
    static func canonicalSize(of event: ProposedEvent, in stream: String) -> Int {
        var size = fixedSize + 2 + stream.utf8.count + 2 + event.type.utf8.count + 2 + event.actor.utf8.count
        size += 4 + event.payload.count
        if event.correlationID != nil { size += 16 }
        if event.causationID != nil { size += 16 }
        if let organization = event.organization { size += 2 + organization.utf8.count }
        return size
    }

    /// Writes the canonical bytes of `event` at the start of `target`, which holds at least `canonicalSize`
    /// bytes, and returns how many it wrote.
    static func writeCanonical(
        _ event: ProposedEvent, stream: String, position: UInt64, streamVersion: UInt64, previousInStream: UInt64,
        recordedAt: Timestamp, into target: UnsafeMutableRawBufferPointer
    ) -> Int {
        var writer = ByteWriter(target: target)
        writer.write(format)
        writer.write(position)
        writer.write(streamVersion)
        writer.write(previousInStream)
        writer.write(event.id)
        writer.write(event.schemaVersion)
        writer.write(recordedAt.microsecondsSinceEpoch)
        var flags: UInt8 = 0
        if event.correlationID != nil { flags |= 1 }
        if event.causationID != nil { flags |= 2 }
        if event.organization != nil { flags |= 4 }
        writer.write(flags)
        if let correlationID = event.correlationID { writer.write(correlationID) }
        if let causationID = event.causationID { writer.write(causationID) }
        writer.writeShortString(stream)
        writer.writeShortString(event.type)
        if let organization = event.organization { writer.writeShortString(organization) }
        writer.writeShortString(event.actor)
        writer.write(UInt32(event.payload.count))
        writer.write(event.payload)
        return writer.offset
    }

    /// Reads a stored envelope, copying what it keeps. Throws `.corrupt` when the bytes do not hold one.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(EventStoreError) -> RecordedEvent {
        var copying = CopyingMaterializer()
        return try decode(bytes, materializing: &copying)
    }

    /// Reads a stored envelope, making its strings and payload with `materializer`.
    static func decode<Materializer: EnvelopeMaterializer>(
        _ bytes: UnsafeRawBufferPointer, materializing materializer: inout Materializer
    ) throws(EventStoreError) -> RecordedEvent {
        var reader = ByteReader(bytes: bytes)
        guard let format: UInt8 = reader.read(), format == EnvelopeCodec.format else {
            throw .corrupt(position: nil, reason: "unknown envelope format")
        }
        guard let position: UInt64 = reader.read(), let streamVersion: UInt64 = reader.read(),
              let previousInStream: UInt64 = reader.read(), let id = reader.readUUID(), let schemaVersion: UInt32 = reader.read(),
              let recordedAt: Int64 = reader.read(), let flags: UInt8 = reader.read()
        else { throw .corrupt(position: nil, reason: "truncated envelope header") }
        let correlationID = flags & 1 == 0 ? nil : reader.readUUID()
        let causationID = flags & 2 == 0 ? nil : reader.readUUID()
        guard flags & 1 == 0 || correlationID != nil, flags & 2 == 0 || causationID != nil,
              let stream = reader.readShortString(&materializer), let type = reader.readShortString(&materializer)
        else { throw .corrupt(position: position, reason: "truncated envelope") }
        let organization = flags & 4 == 0 ? nil : reader.readShortString(&materializer)
        guard flags & 4 == 0 || organization != nil, let actor = reader.readShortString(&materializer),
              let payloadSize: UInt32 = reader.read(), let payload = reader.readData(count: Int(payloadSize), &materializer),
              let hash = reader.readHash(), reader.isAtEnd
        else { throw .corrupt(position: position, reason: "truncated envelope") }
        return RecordedEvent(
            position: position, stream: stream, streamVersion: streamVersion,
            previousInStream: previousInStream == 0 ? nil : previousInStream, id: id, type: type,
            schemaVersion: schemaVersion, recordedAt: Timestamp(microsecondsSinceEpoch: recordedAt),
            organization: organization, actor: actor, correlationID: correlationID, causationID: causationID,
            payload: payload, hash: hash
        )
    }
}

/// Makes the strings and the payload of a decoded envelope out of the stored bytes.
protocol EnvelopeMaterializer {
    mutating func string(_ bytes: UnsafeRawBufferPointer) -> String
    /// The payload held by `bytes`.
    mutating func payload(_ bytes: UnsafeRawBufferPointer) -> Data
}

/// Copies each string and payload: for envelopes read one at a time.
struct CopyingMaterializer: EnvelopeMaterializer {
    func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    func payload(_ bytes: UnsafeRawBufferPointer) -> Data {
        Data(bytes)
    }
}

extension EnvelopeCodec {
    /// Where a stored envelope sits in its stream, read from the fixed header without decoding the rest:
    /// what walking a stream's links needs.
    struct StreamLink {
        let position: UInt64
        let streamVersion: UInt64
        let previousInStream: UInt64
    }

    static func link(of bytes: UnsafeRawBufferPointer) throws(EventStoreError) -> StreamLink {
        var reader = ByteReader(bytes: bytes)
        guard let format: UInt8 = reader.read(), format == EnvelopeCodec.format,
              let position: UInt64 = reader.read(), let streamVersion: UInt64 = reader.read(),
              let previousInStream: UInt64 = reader.read()
        else { throw .corrupt(position: nil, reason: "truncated envelope header") }
        return StreamLink(position: position, streamVersion: streamVersion, previousInStream: previousInStream)
    }
}

/// Appends fixed-layout fields to a preallocated buffer.
private struct ByteWriter {
    let target: UnsafeMutableRawBufferPointer
    var offset = 0

    mutating func write<Value: FixedWidthInteger>(_ value: Value) {
        target.storeBytes(of: value.littleEndian, toByteOffset: offset, as: Value.self)
        offset += MemoryLayout<Value>.size
    }

    mutating func write(_ id: UUID) {
        target.storeBytes(of: id.uuid, toByteOffset: offset, as: uuid_t.self)
        offset += 16
    }

    mutating func write(_ bytes: some Collection<UInt8>) {
        UnsafeMutableRawBufferPointer(rebasing: target[offset...]).copyBytes(from: bytes)
        offset += bytes.count
    }

    mutating func writeShortString(_ text: String) {
        let utf8 = text.utf8
        write(UInt16(utf8.count))
        write(utf8)
    }
}

/// Reads fixed-layout fields, answering `nil` instead of reading past the end.
private struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func read<Value: FixedWidthInteger>() -> Value? {
        let size = MemoryLayout<Value>.size
        guard bytes.count - offset >= size else { return nil }
        defer { offset += size }
        return Value(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Value.self))
    }

    mutating func readUUID() -> UUID? {
        guard bytes.count - offset >= 16 else { return nil }
        defer { offset += 16 }
        return UUID(uuid: bytes.loadUnaligned(fromByteOffset: offset, as: uuid_t.self))
    }

    mutating func readShortString(_ materializer: inout some EnvelopeMaterializer) -> String? {
        guard let count: UInt16 = read(), let slice = take(Int(count)) else { return nil }
        return materializer.string(slice)
    }

    mutating func readData(count: Int, _ materializer: inout some EnvelopeMaterializer) -> Data? {
        take(count).map { materializer.payload($0) }
    }

    mutating func readHash() -> EventHash? {
        take(EnvelopeCodec.hashSize).flatMap { EventHash(bytes: $0) }
    }

    private mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }
}
