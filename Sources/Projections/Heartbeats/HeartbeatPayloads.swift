// A heartbeat, the event a rebuild meets most, read from its parsed payload without Codable
// (`ParsedPayload`); its members are named by its own `CodingKeys`.

extension HeartbeatReceived: ParsedPayload {
    init(_ members: ParsedMembers<CodingKeys>) throws(ParsedMembers<CodingKeys>.Refusal) {
        self.init(serverID: try members.typeID(.serverID), organizationID: try members.typeID(.organizationID))
    }
}
