/// A heartbeat event whose payload names the server and its organization, and nothing more
/// (`heartbeat.received`, `heartbeat.recovered`): its members are written and read here, once for all of them.
public protocol ServerHeartbeatEvent: DomainEvent, JSONMembersWriting {
    var serverID: TypeID { get }
    var organizationID: TypeID { get }
    init(serverID: TypeID, organizationID: TypeID)
}

/// The members of a `ServerHeartbeatEvent`'s payload.
enum ServerHeartbeatKeys: String, CodingKey {
    case serverID = "server_id"
    case organizationID = "organization_id"
}

extension ServerHeartbeatEvent {
    public init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: ServerHeartbeatKeys.self)
        self.init(
            serverID: try members.decode(TypeID.self, forKey: .serverID),
            organizationID: try members.decode(TypeID.self, forKey: .organizationID))
    }

    /// In key order, so that `CanonicalJSON` writes them as they come.
    public func writeMembers(to members: inout JSONMembers) throws {
        try members.write(organizationID, for: ServerHeartbeatKeys.organizationID)
        try members.write(serverID, for: ServerHeartbeatKeys.serverID)
    }
}
