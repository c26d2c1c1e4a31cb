import EventStore
import Fixtures
import Foundation
import Projections
import Testing

/// Every entry of every table of the serving version of `projection`: for comparing builds.
func dumpTables(_ runner: ProjectionRunner, _ projection: String, _ log: LMDBEventLog) throws -> [String: [[UInt8]: [UInt8]]] {
    try runner.read(projection, in: log) { reader in
        let prefix = "proj/\(projection)/v\(reader.version)/"
        var tables: [String: [[UInt8]: [UInt8]]] = [:]
        for name in try reader.transaction.tableNames(withPrefix: prefix) {
            guard let table = reader.transaction.existingTable(named: name) else { continue }
            var entries: [[UInt8]: [UInt8]] = [:]
            try reader.transaction.scan(table) { key, value in
                entries[Array(key)] = Array(value)
                return true
            }
            tables[String(name.dropFirst(prefix.count))] = entries
        }
        return tables
    }
}

@Suite("Directory")
struct DirectoryTests {
    private let catalog: EventCatalog

    init() throws {
        catalog = try EventCatalog(DirectoryProjection.events)
    }


    private func append<Event: DomainEvent>(_ event: Event, to stream: String, _ log: LMDBEventLog) async throws {
        _ = try await log.append([catalog.proposed(event, EventMetadata(organization: nil, actor: "admin:test"))], to: stream, expectedVersion: .noStream)
    }

    @Test("lookups by id, email, number and secret hash, scoped by organization; revoked keys stop working")
    func lookups() async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let runner = try ProjectionRunner([DirectoryProjection(catalog: catalog)])
        let acme = try makeID("org", 1), globex = try makeID("org", 2)
        let neva = try makeID("orguser", 3), other = try makeID("orguser", 4)
        let server = try makeID("server", 5), key = try makeID("cred", 6)
        try await LMDBEventLog.withOpenLog(directory: directory, configuration: .init(hooks: [runner])) { log in
            try await runner.catchUp(log)
            try await append(OrganizationCreated(organizationID: acme, number: 1, name: "Acme"), to: "organization-1", log)
            try await append(OrganizationCreated(organizationID: globex, number: 2, name: "Globex"), to: "organization-2", log)
            try await append(UserCreated(
                userID: neva, number: 1, organizationID: acme, name: "Neva Streich", email: "dominique@ratke.example",
                phone: "+64211234567", timeZone: "Pacific/Auckland"), to: "user-1", log)
            try await append(UserCreated(
                userID: other, number: 2, organizationID: globex, name: "Gregg", email: "dominique@ratke.example",
                phone: "+64211234568", timeZone: "UTC"), to: "user-2", log)
            try await append(ServerCreated(
                serverID: server, number: 13, organizationID: acme, name: "myserver", hostname: "myhost",
                heartbeatGraceSeconds: 300), to: "server-13", log)
            try await append(CredentialIssued(
                credentialID: key, kind: .serverAPIKey, ownerID: server, organizationID: acme, name: "icinga",
                secretHash: "ab12"), to: "credential-\(key)", log)

            try runner.read("directory", in: log) { reader throws in
                let queries = DirectoryQueries(reader)
                #expect(try queries.organization(number: 2)?.name == "Globex")
                #expect(try queries.user(email: "Dominique@Ratke.example", in: acme)?.userID == neva)
                #expect(try queries.user(email: "dominique@ratke.example", in: globex)?.userID == other)
                #expect(try queries.user(neva, in: globex) == nil)
                #expect(try queries.user(number: 1, in: acme)?.phone == "+64211234567")
                #expect(try queries.user(number: 1, in: globex) == nil)
                #expect(try queries.server(number: 13, in: acme)?.hostname == "myhost")
                #expect(try queries.server(number: 13, in: globex) == nil)
                #expect(try queries.credential(secretHash: "ab12")?.ownerID == server)
                #expect(try queries.credential(secretHash: "ffff") == nil)
                #expect(try queries.highestNumber(.server) == 13)
                #expect(try queries.highestNumber(.user) == 2)
            }

            _ = try await log.append([catalog.proposed(
                CredentialRevoked(credentialID: key, secretHash: "ab12"), EventMetadata(organization: nil, actor: "admin:test"))],
                to: "credential-\(key)")
            #expect(try runner.read("directory", in: log) { try DirectoryQueries($0).credential(secretHash: "ab12") } == nil)

            let inline = try dumpTables(runner, "directory", log)
            try await runner.rebuild("directory", in: log)
            #expect(try dumpTables(runner, "directory", log) == inline)
            #expect(inline.keys.count >= 6)
        }
    }

    @Test("expired access tokens are dropped when the next one is issued; live ones stay, and a rebuild agrees")
    func expiredTokens() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let runner = try ProjectionRunner([DirectoryProjection(catalog: catalog)])
        let clock = ManualWallClock(Timestamp(microsecondsSinceEpoch: 1_000_000))
        let token = { (hash: String, expiresAt: Int64) in
            AccessTokenIssued(clientID: "ops", organizationID: nil, tokenHash: hash, expiresAt: Timestamp(microsecondsSinceEpoch: expiresAt))
        }
        try await LMDBEventLog.withOpenLog(directory: directory.path, configuration: .init(clock: clock, hooks: [runner])) { log in
            try await runner.catchUp(log)
            try await append(token("short", 2_000_000), to: "token-short", log)
            try await append(token("long", 9_000_000), to: "token-long", log)
            clock.set(Timestamp(microsecondsSinceEpoch: 2_000_000))
            try await append(token("next", 20_000_000), to: "token-next", log)

            try runner.read("directory", in: log) { reader throws in
                let queries = DirectoryQueries(reader)
                #expect(try queries.accessToken(tokenHash: "short") == nil)
                #expect(try queries.accessToken(tokenHash: "long")?.expiresAt == Timestamp(microsecondsSinceEpoch: 9_000_000))
                #expect(try queries.accessToken(tokenHash: "next") != nil)
            }
            let inline = try dumpTables(runner, "directory", log)
            #expect(inline["tokens"]?.count == 2)
            #expect(inline["token-expiries"]?.count == 2)
            try await runner.rebuild("directory", in: log)
            #expect(try dumpTables(runner, "directory", log) == inline)
        }
    }

    @Test("a number is taken once: the creating stream is appended with noStream")
    func numbersAreUnique() async throws {
        let directory = ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let acme = try makeID("org", 1)
        try await LMDBEventLog.withOpenLog(directory: directory) { log in
            try await append(ServerCreated(
                serverID: try makeID("server", 2), number: 1, organizationID: acme, name: "a", hostname: "a",
                heartbeatGraceSeconds: 60), to: "server-1", log)
            await #expect(throws: EventStoreError.self) {
                try await append(ServerCreated(
                    serverID: try makeID("server", 3), number: 1, organizationID: acme, name: "b", hostname: "b",
                    heartbeatGraceSeconds: 60), to: "server-1", log)
            }
        }
    }
}
