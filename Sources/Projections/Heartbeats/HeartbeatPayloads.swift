// The heartbeat events, which a rebuild meets most, read straight from their parsed payload's keyed
// container (`ParsedPayload`).

extension ServerHeartbeatEvent {
    init(_ members: ParsedJSONKeyedContainer<ServerHeartbeatKeys>) throws {
        self.init(
            serverID: try members.decode(TypeID.self, forKey: .serverID),
            organizationID: try members.decode(TypeID.self, forKey: .organizationID))
    }
}

extension HeartbeatReceived: ParsedPayload {}
extension HeartbeatRecovered: ParsedPayload {}
