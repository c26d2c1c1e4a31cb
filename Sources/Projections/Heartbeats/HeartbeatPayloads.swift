// A heartbeat, the event a rebuild meets most, read straight from its parsed payload's keyed container
// (`ParsedPayload`); its members are named by its own `CodingKeys`.

extension HeartbeatReceived: ParsedPayload {
    init(_ members: ParsedJSONKeyedContainer<CodingKeys>) throws {
        self.init(
            serverID: try members.decode(TypeID.self, forKey: .serverID),
            organizationID: try members.decode(TypeID.self, forKey: .organizationID))
    }
}
