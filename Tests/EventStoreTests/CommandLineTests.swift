import EventStore
import Fixtures
import Foundation
import Projections
import Testing

/// Runs the built `pagerlog` executable, as an operator would.
private struct PagerlogCommand {
    struct Outcome {
        let status: Int32
        let output: String
        let errors: String
    }

    /// `pagerlog` beside the test bundle, in the build directory (`swift build --build-tests` builds both).
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent().appendingPathComponent("pagerlog")

    static func run(_ arguments: String...) throws -> Outcome {
        try #require(
            FileManager.default.fileExists(atPath: executable.path),
            "build pagerlog first (tools/test does: swift build --build-tests)")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            errors: String(decoding: err, as: UTF8.self))
    }
}

@Suite("The pagerlog command line")
struct CommandLineTests {
    private static func id(_ prefix: String, _ offset: Int64, _ start: Timestamp) throws -> TypeID {
        try #require(TypeID.make(prefix, at: Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + offset)))
    }

    @Test("export, import into an empty directory, export again: the same bytes, and verify says intact")
    func exportImportVerify() async throws {
        let source = ScratchDirectory()
        let copy = ScratchDirectory()
        let files = ScratchDirectory()
        defer { [source, copy, files].forEach { $0.remove() } }
        try await LMDBEventLog.withOpenLog(directory: source.path) { log in
            for index in 0..<500 {
                _ = try await log.append([event(payload: #"{"i":\#(index)}"#)], to: "server-\(index % 4)")
            }
        }
        try FileManager.default.createDirectory(atPath: files.path, withIntermediateDirectories: true)
        let first = files.path + "/first.ndjson"
        let second = files.path + "/second.ndjson"

        #expect(try PagerlogCommand.run("export", "--data", source.path, "--output", first).status == 0)
        let imported = try PagerlogCommand.run("import", "--data", copy.path, "--input", first)
        #expect(imported.status == 0)
        #expect(imported.output.contains("imported 500 events"))
        #expect(try PagerlogCommand.run("export", "--data", copy.path, "--output", second).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))

        let verified = try PagerlogCommand.run("verify", "--data", copy.path)
        #expect(verified.status == 0)
        #expect(verified.output.hasPrefix("intact: 500 events"))

        let tail = try PagerlogCommand.run("export", "--data", copy.path, "--from", "499")
        #expect(tail.output.split(separator: "\n").count == 2)
    }

    @Test("verify exits 1 and names the position of a changed byte")
    func verifyFindsTampering() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try await LMDBEventLog.withOpenLog(directory: directory.path) { log in
            for index in 1...20 {
                _ = try await log.append([event(payload: index == 12 ? #"{"x":"CHANGE-ME"}"# : #"{"x":"fine"}"#)], to: "s")
            }
        }
        let file = URL(fileURLWithPath: directory.path + "/data.mdb")
        var bytes = try [UInt8](Data(contentsOf: file))
        while let range = bytes.firstRange(of: Array("CHANGE-ME".utf8)) { bytes[range.lowerBound] = UInt8(ascii: "R") }
        try Data(bytes).write(to: file)

        let verified = try PagerlogCommand.run("verify", "--data", directory.path)
        #expect(verified.status == 1)
        #expect(verified.output.hasPrefix("broken at position 12"))
    }

    @Test("a missing data directory, and an import that does not continue the log, fail with a message")
    func failures() async throws {
        let missing = ScratchDirectory()
        let files = ScratchDirectory()
        defer { [missing, files].forEach { $0.remove() } }
        let verified = try PagerlogCommand.run("verify", "--data", missing.path)
        #expect(verified.status != 0)
        #expect(verified.errors.contains("no Pagerlog data"))
        #expect(!FileManager.default.fileExists(atPath: missing.path))

        try FileManager.default.createDirectory(atPath: files.path, withIntermediateDirectories: true)
        let garbage = files.path + "/garbage.ndjson"
        try Data("not json\n".utf8).write(to: URL(fileURLWithPath: garbage))
        let imported = try PagerlogCommand.run("import", "--data", missing.path, "--input", garbage)
        #expect(imported.status != 0)
        #expect(imported.errors.contains("line 1"))
    }

    @Test("replay prints the paging history as it stood at a position or a time; rebuild rebuilds")
    func replayAndRebuild() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let models = try ReadModels()
        let catalog = models.catalog
        let start = try #require(Timestamp(iso8601: "2026-11-23T03:12:00Z"))
        let clock = ManualWallClock(start)
        let acme = try Self.id("org", 1, start), ana = try Self.id("orguser", 2, start)
        let notification = try Self.id("notif", 3, start), page = try Self.id("page", 4, start)
        let sentAt = try await LMDBEventLog.withOpenLog(directory: directory.path, configuration: .init(clock: clock)) { log in
            var sentAt: UInt64 = 0
            let events: [any DomainEvent] = [
                OrganizationCreated(organizationID: acme, number: 1, name: "Acme"),
                UserCreated(userID: ana, number: 1, organizationID: acme, name: "Ana Streich", email: "ana@acme.example", phone: "+64211234567", timeZone: "UTC"),
                NotificationCreated(notificationID: notification, number: 15, organizationID: acme, serverID: nil, kind: "service", troubleCode: "BAD01", hostname: "myhost", displayName: "My host", serviceName: "Postgres", state: "Down", output: "...", observedAt: nil),
                NotificationRouted(notificationID: notification, organizationID: acme, scheduleID: nil, escalation: [ana], reason: "rotation position 1", skipped: ["ben: hard_unavailable"]),
                PageQueued(pageID: page, notificationID: notification, organizationID: acme, userID: ana, phone: "+64211234567", message: "BAD01 myhost"),
                PageSent(pageID: page, notificationID: notification, organizationID: acme, providerMessageID: 991),
                DeliveryReported(providerMessageID: 991, status: .received, pageID: page, notificationID: notification, organizationID: acme),
                NotificationAcknowledged(notificationID: notification, organizationID: acme, userID: ana, via: "sms"),
            ]
            for event in events {
                clock.advance(microseconds: 60_000_000)
                let recorded = try await log.append([catalog.proposed(event, EventMetadata(organization: nil, actor: "test"))], to: "history")
                if event is PageSent { sentAt = recorded.lastPosition }
            }
            return sentAt
        }

        let early = try PagerlogCommand.run("replay", "--data", directory.path, "--until", "\(sentAt)")
        #expect(early.status == 0)
        #expect(early.output.contains("notification 15: service BAD01 on myhost/Postgres Down, created 2026-11-23T03:15:00.000000Z, paged"))
        #expect(early.output.contains("routed: rotation position 1; escalation: Ana Streich (\(ana))"))
        #expect(early.output.contains("skipped: ben: hard_unavailable"))
        #expect(early.output.contains("as Modica 991"))
        #expect(!early.output.contains("acknowledged"))

        let late = try PagerlogCommand.run("replay", "--data", directory.path, "--until", "2026-11-23T04:00:00Z")
        #expect(late.output.contains("received 2026-11-23T03:19:00.000000Z"))
        #expect(late.output.contains("acknowledged by Ana Streich (\(ana)) at 2026-11-23T03:20:00.000000Z"))

        let json = try PagerlogCommand.run("replay", "--data", directory.path, "--until", "2026-11-23T04:00:00Z", "--json")
        let record = try JSONDecoder().decode(NotificationRecord.self, from: Data(json.output.utf8))
        #expect(record.status == .acknowledged)

        let badLimit = try PagerlogCommand.run("replay", "--data", directory.path, "--until", "yesterday")
        #expect(badLimit.status != 0 && badLimit.errors.contains("--until takes a position"))

        let rebuilt = try PagerlogCommand.run("rebuild", "--data", directory.path, "--projection", "notifications")
        #expect(rebuilt.status == 0 && rebuilt.output.contains("rebuilt notifications"))
        let unknown = try PagerlogCommand.run("rebuild", "--data", directory.path, "--projection", "nope")
        #expect(unknown.status != 0 && unknown.errors.contains("no projection is called 'nope'"))
        #expect(try PagerlogCommand.run("verify", "--data", directory.path).status == 0)
    }
}
