import APIGateway
import EventStore
import Fixtures
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Projections

/// The bootstrap admin client every harness starts with.
enum Bootstrap {
    static let clientID = "test-admin"
    static let secret = "test-admin-secret"
}

/// A whole gateway over a real log in `directory`, started as `pagerlog serve` starts it (projections caught
/// up, bootstrap on an empty log), driven through Hummingbird's test client.
func withGateway<Result: Sendable>(
    in directory: ScratchDirectory? = nil, settings: GatewaySettings = .init(), clock: any WallClock = SystemWallClock(),
    _ body: @escaping @Sendable (APIClient) async throws -> Result
) async throws -> Result {
    try await withGatewayAndLog(in: directory, settings: settings, clock: clock) { api, _ in try await body(api) }
}

/// `withGateway`, with the log behind it too: for events that no API endpoint records yet (a person's SMS
/// reply acknowledging a page, say), appended as the component that will record them would.
func withGatewayAndLog<Result: Sendable>(
    in directory: ScratchDirectory? = nil, settings: GatewaySettings = .init(), clock: any WallClock = SystemWallClock(),
    logger: Logger = Logger(label: "pagerlog-tests"),
    _ body: @escaping @Sendable (APIClient, LMDBEventLog) async throws -> Result
) async throws -> Result {
    let owned = directory == nil ? ScratchDirectory() : nil
    defer { owned?.remove() }
    let path = (directory ?? owned)?.path ?? ""
    let models = try ReadModels()
    return try await LMDBEventLog.withOpenLog(directory: path, configuration: .init(clock: clock, hooks: [models.runner])) { log in
        try await models.runner.catchUp(log)
        let gateway = Gateway(log: log, models: models, clock: clock, settings: settings)
        _ = try await gateway.bootstrapIfEmpty(clientID: Bootstrap.clientID, secret: Bootstrap.secret)
        let application = Application(router: GatewayRouter(gateway: gateway), logger: logger)
        return try await application.test(.router) { client in try await body(APIClient(client: client), log) }
    }
}

/// An answer, with its body as text and as parsed JSON.
struct Reply: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    /// The body as a JSON object; empty when it is not one.
    var json: [String: any Sendable] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: any Sendable]) ?? [:]
    }

    /// The value at a path of keys and array indexes, like `json("_embedded", "users", 0, "id")`.
    func json(_ path: any Sendable...) -> (any Sendable)? {
        value(at: path)
    }

    func string(_ path: any Sendable...) -> String? {
        value(at: path) as? String
    }

    private func value(at path: [any Sendable]) -> (any Sendable)? {
        var value: (any Sendable)? = json
        for step in path {
            if let key = step as? String {
                value = (value as? [String: any Sendable])?[key]
            } else if let index = step as? Int {
                let array = value as? [any Sendable]
                value = array.flatMap { index < $0.count ? $0[index] : nil }
            }
        }
        return value
    }
}

/// Requests as a client of the APIs makes them.
struct APIClient: Sendable {
    let client: any TestClientProtocol

    func send(
        _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: String? = nil
    ) async throws -> Reply {
        try await bytes(method, uri, headers: headers, body: body.map { Array($0.utf8) })
    }

    func bytes(
        _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: [UInt8]?
    ) async throws -> Reply {
        try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) }) { response in
            Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }

    /// The statuses of `count` copies of one request sent all at once, as racing clients would send them.
    func statuses(
        ofConcurrent count: Int, _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:]
    ) async throws -> [HTTPResponse.Status] {
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for _ in 0..<count {
                group.addTask { try await send(method, uri, headers: headers).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// JSON in, with `Content-Type: application/json`.
    func json(_ method: HTTPRequest.Method, _ uri: String, _ body: String, headers: HTTPFields = [:]) async throws -> Reply {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await send(method, uri, headers: headers, body: body)
    }

    /// An access token of the bootstrap admin client.
    func adminToken() async throws -> String {
        try await token(clientID: Bootstrap.clientID, secret: Bootstrap.secret)
    }

    /// An access token of the client `clientID`.
    func token(clientID: String, secret: String) async throws -> String {
        let reply = try await send(
            .post, "/v1/oauth/token", headers: [.contentType: "application/x-www-form-urlencoded"],
            body: "grant_type=client_credentials&client_id=\(clientID)&client_secret=\(secret)")
        guard let token = reply.string("access_token") else { throw HarnessError.unexpected(reply) }
        return token
    }

    func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)"]
    }

    /// A new organization's id.
    func createOrganization(_ name: String, token: String) async throws -> String {
        let reply = try await json(.post, "/v1/organizations", #"{"name": "\#(name)"}"#, headers: bearer(token))
        guard reply.status == .created, let id = reply.string("id") else { throw HarnessError.unexpected(reply) }
        return id
    }

    /// A new organization with one server, and the admin token that made them: where most Hot Potato
    /// stories start.
    func organizationWithServer() async throws -> (admin: String, organization: String, server: (id: String, number: Int, key: String)) {
        let admin = try await adminToken()
        let organization = try await createOrganization("Ops", token: admin)
        return (admin, organization, try await createServer("icinga", in: organization, token: admin))
    }

    /// A server in each of two new organizations, to show that one never sees the other's data.
    func serversInTwoOrganizations() async throws -> (mine: (id: String, number: Int, key: String), theirs: (id: String, number: Int, key: String)) {
        let token = try await adminToken()
        let mine = try await createServer("mine", in: try await createOrganization("Mine", token: token), token: token)
        let theirs = try await createServer("theirs", in: try await createOrganization("Theirs", token: token), token: token)
        return (mine, theirs)
    }

    /// A new server of `organization`: its id, Hot Potato number and API key.
    func createServer(
        _ name: String, in organization: String, token: String
    ) async throws -> (id: String, number: Int, key: String) {
        let reply = try await json(
            .post, "/v1/servers", #"{"organization_id": "\#(organization)", "name": "\#(name)"}"#, headers: bearer(token))
        guard reply.status == .created, let id = reply.string("id"), let number = reply.json("number") as? Int,
              let key = reply.string("api_key")
        else { throw HarnessError.unexpected(reply) }
        return (id, number, key)
    }

    /// A new user of `organization`; its id.
    func createUser(_ email: String, in organization: String, token: String) async throws -> String {
        let reply = try await json(.post, "/v1/users", """
            {"organization_id": "\(organization)", "name": "Someone", "email": "\(email)", "phone": "+64211234567", \
            "time_zone": "Pacific/Auckland"}
            """, headers: bearer(token))
        guard reply.status == .created, let id = reply.string("id") else { throw HarnessError.unexpected(reply) }
        return id
    }
}

enum HarnessError: Error {
    case unexpected(Reply)
}
