import Foundation

/// The log's text form: one JSON envelope per line (NDJSON), for `pagerlog export` and `pagerlog import`.
///
///     {"position":1,"stream":"org-1","stream_version":1,"previous_in_stream":…,"id":"…","type":"org.created","schema_version":1,
///      "recorded_at":"2026-11-23T11:19:00.123456Z","organization":"…","actor":"…","correlation_id":"…",
///      "causation_id":"…","hash":"<64 hex digits>","payload":{…}}
///
/// Absent optional fields (and `previous_in_stream` of a stream's first event) are left out. The payload is written last, byte for byte as it was appended,
/// which is what lets an import rebuild the exact canonical bytes and check every hash.
public enum EventArchive {
    /// The line for `event`, without the newline.
    public static func line(for event: RecordedEvent) -> String {
        var line = "{\"position\":\(event.position),\"stream\":" + jsonString(event.stream)
        line += ",\"stream_version\":\(event.streamVersion)"
        if let previous = event.previousInStream { line += ",\"previous_in_stream\":\(previous)" }
        line += ",\"id\":\"\(event.id.lowercased)\",\"type\":"
        line += jsonString(event.type) + ",\"schema_version\":\(event.schemaVersion)"
        line += ",\"recorded_at\":\"\(event.recordedAt.iso8601)\""
        if let organization = event.organization { line += ",\"organization\":" + jsonString(organization) }
        line += ",\"actor\":" + jsonString(event.actor)
        if let correlationID = event.correlationID { line += ",\"correlation_id\":\"\(correlationID.lowercased)\"" }
        if let causationID = event.causationID { line += ",\"causation_id\":\"\(causationID.lowercased)\"" }
        line += ",\"hash\":\"\(event.hash.hex)\"" + payloadMarker
        line += String(decoding: event.payload, as: UTF8.self) + "}"
        return line
    }

    /// Reads a line written by `line(for:)`. `number` is its line number, for the error message.
    public static func event(fromLine line: some Collection<UInt8>, number: Int) throws -> RecordedEvent {
        let bytes = Array(line)
        guard let marker = bytes.firstRange(of: Array(payloadMarker.utf8)),
              let closing = bytes.lastIndex(of: UInt8(ascii: "}")), closing >= marker.upperBound
        else {
            throw EventStoreError.importRejected(line: number, reason: "not an exported envelope (the payload must be the last field)")
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes))
        } catch {
            throw EventStoreError.importRejected(line: number, reason: "not an exported envelope: \(error)")
        }
        guard let recordedAt = Timestamp(iso8601: header.recorded_at), let hash = EventHash(hex: header.hash) else {
            throw EventStoreError.importRejected(line: number, reason: "recorded_at or hash is malformed")
        }
        return RecordedEvent(
            position: header.position, stream: header.stream, streamVersion: header.stream_version,
            previousInStream: header.previous_in_stream, id: header.id,
            type: header.type, schemaVersion: header.schema_version, recordedAt: recordedAt,
            organization: header.organization, actor: header.actor, correlationID: header.correlation_id,
            causationID: header.causation_id, payload: Data(bytes[marker.upperBound..<closing]), hash: hash)
    }

    private static let payloadMarker = ",\"payload\":"

    /// The fields before the payload, as JSON names them.
    private struct Header: Decodable {
        let position: UInt64
        let stream: String
        let stream_version: UInt64
        let previous_in_stream: UInt64?
        let id: UUID
        let type: String
        let schema_version: UInt32
        let recorded_at: String
        let organization: String?
        let actor: String
        let correlation_id: UUID?
        let causation_id: UUID?
        let hash: String
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}

extension UUID {
    /// The canonical lower-case text form.
    var lowercased: String { uuidString.lowercased() }
}
