import EventStore
import Foundation
@testable import Projections
import Testing

/// The events that read their own members from the parsed payload's container (`ParsedPayload`) give what
/// their Codable conformances give, value for value and error for error.
@Suite("Events read from their parsed members")
struct ParsedPayloadTests {
    @Test("every heartbeat, notification and page event of a generated history reads itself, as JSONDecoder reads it")
    func generatedHistory() throws {
        var types = Set<String>()
        for event in generatedEvents(seed: 12) {
            guard let event = event as? any ParsedPayload else { continue }
            try expectReadByItsMembers(event)
            types.insert(type(of: event).eventType)
        }
        #expect(types.count == 9)
    }

    @Test("a payload its members cannot vouch for decodes, or fails, exactly as JSONDecoder has it")
    func refusals() throws {
        let server = #""server_01m84dfmsee9vbsz07ed2317b6""#, organization = #""org_01m84dfmsee9vbsz07ed2317b6""#
        for members in [
            #""organization_id": \#(organization), "server_id": \#(server), "extra": [1, {"x": null}]"#,
            #""organization_id": \#(organization)"#,
            #""organization_id": \#(organization), "server_id": null"#,
            #""organization_id": \#(organization), "server_id": 5"#,
            #""organization_id": \#(organization), "server_id": "server_01m84dfmsee9vbsz07ed2317bu""#,
            #""organization_id": \#(organization), "server_id": \#(server), "server_id": \#(server)"#,
        ] {
            try expectSameAsJSONDecoder("{\(members)}", as: HeartbeatReceived.self)
            try expectSameAsJSONDecoder("{\(members)}", as: HeartbeatRecovered.self)
        }
        try expectSameAsJSONDecoder("[\(server)]", as: HeartbeatReceived.self)
        try expectSameAsJSONDecoder("{", as: HeartbeatReceived.self)

        for members in [
            #""provider_message_id": 7, "status": "delivered""#,
            #""provider_message_id": 7, "status": "received", "page_id": null"#,
            #""provider_message_id": 7.0, "status": "received""#,
            #""provider_message_id": 92233720368547758070, "status": "received""#,
        ] {
            try expectSameAsJSONDecoder("{\(members)}", as: DeliveryReported.self)
        }

        let routed = #""notification_id": "notif_01m84dfmsee9vbsz07ed2317b6", "organization_id": \#(organization), "reason": "r""#
        for members in [
            #"\#(routed), "escalation": [], "skipped": ["a\nb", "é"]"#,
            #"\#(routed), "escalation": [null], "skipped": []"#,
            #"\#(routed), "escalation": "x", "skipped": []"#,
            #"\#(routed), "escalation": [], "skipped": [1]"#,
            #"\#(routed), "escalation": [], "skipped": [], "schedule_id": "sched_x""#,
        ] {
            try expectSameAsJSONDecoder("{\(members)}", as: NotificationRouted.self)
        }

        let created = #""notification_id": "notif_01m84dfmsee9vbsz07ed2317b6", "number": 1, "organization_id": \#(organization), "kind": "host", "trouble_code": "", "hostname": "h", "display_name": "", "service_name": "", "state": "DOWN""#
        for members in [
            #"\#(created), "output": "tab\there", "observed_at": null"#,
            #"\#(created), "output": "\u00e9 \ud83d\ude00", "observed_at": "2026-11-02T09:00:00.123456Z""#,
            #"\#(created), "output": "o", "observed_at": "2026-13-02T09:00:00Z""#,
            #"\#(created), "output": "o", "observed_at": 5"#,
            #"\#(created), "output": null"#,
        ] {
            try expectSameAsJSONDecoder("{\(members)}", as: NotificationCreated.self)
        }
    }

    /// The event's canonical payload reads back, through its members alone, as the event itself.
    private func expectReadByItsMembers<Event: ParsedPayload>(_ event: Event) throws {
        let payload = try CanonicalJSON.data(event)
        #expect(PayloadDecoding.withParsed(payload) { ParsedJSONDecoder.decodeObject($0, keyedBy: Event.Member.self, Event.init) } == event)
        #expect(try Event.decode(payload: payload) == event)
    }

    private func expectSameAsJSONDecoder<Event: ParsedPayload>(
        _ json: String, as _: Event.Type, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try expectDecodesAsJSONDecoder(
            Data(json.utf8), decodedBy: { try Event.decode(payload: $0) }, sourceLocation: sourceLocation)
    }
}
