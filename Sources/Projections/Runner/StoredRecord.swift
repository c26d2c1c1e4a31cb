/// A record exactly as a read model stores it, inside the snapshot that read it.
///
/// For callers that keep what they derive from a record (a rendered answer, say) and want to know, without
/// decoding it again, whether the record is still the one they derived it from: `RecordCoding` writes the
/// same record as the same bytes, so equal bytes mean an equal record. The bytes live in the read
/// transaction's map and are valid only inside the closure that was handed the stored record.
public struct StoredRecord<Record: Decodable> {
    public let bytes: UnsafeRawBufferPointer

    public func decode() throws -> Record {
        try RecordCoding.decode(Record.self, from: bytes)
    }
}
