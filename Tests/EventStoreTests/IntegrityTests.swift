import EventStore
import Fixtures
import Foundation
import Testing

@Suite("Integrity: verify, export and import")
struct IntegrityTests {
    private func fill(_ log: LMDBEventLog) async throws {
        for index in 0..<300 {
            let payload = #"{"index":\#(index),"note":"caf\#u{e9} \"quoted\"\n"}"#
            let proposed = ProposedEvent(
                type: "heartbeat.received", organization: index.isMultiple(of: 3) ? nil : "org-\(index % 5)",
                actor: "server:\(index % 7)", correlationID: index.isMultiple(of: 2) ? UUID() : nil,
                causationID: index.isMultiple(of: 5) ? UUID() : nil, payload: Data(payload.utf8))
            _ = try await log.append([proposed], to: "server-\(index % 11)")
        }
    }

    private func export(_ log: LMDBEventLog) throws -> [String] {
        var lines: [String] = []
        try log.forEachEvent { event in
            lines.append(EventArchive.line(for: event))
            return true
        }
        return lines
    }

    @Test("an intact log verifies, and reports the last hash of its chain")
    func intact() async throws {
        try await withTemporaryLog { log, _ in
            try await fill(log)
            let report = try log.verify()
            #expect(report.isIntact)
            #expect(report.eventsChecked == 300)
            #expect(try report.lastHash == log.event(at: 300)?.hash)
        }
    }

    @Test("an export imported into an empty directory exports byte-identically, with a valid chain")
    func roundTrip() async throws {
        let original = try await withTemporaryLog { log, _ in
            try await fill(log)
            return try export(log)
        }
        try await withTemporaryLog { copy, _ in
            let events = try parseExport(original)
            try await copy.importEvents(Array(events[..<100]))
            try await copy.importEvents(Array(events[100...]))
            #expect(try export(copy) == original)
            #expect(try copy.verify().isIntact)
            let next = try await copy.append([event()], to: "server-0")
            #expect(next.events[0].position == 301)
        }
    }

    @Test("an import with an altered event, or one that does not continue the log, is refused whole")
    func tamperedImport() async throws {
        let original = try await withTemporaryLog { log, _ in
            try await fill(log)
            return try export(log)
        }
        try await withTemporaryLog { copy, _ in
            var lines = original
            lines[10] = lines[10].replacingOccurrences(of: #""index":10"#, with: #""index":11"#)
            let events = try parseExport(lines)
            await #expect {
                try await copy.importEvents(events)
            } throws: { error in
                guard case EventStoreError.importRejected(line: 11, _) = error else { return false }
                return true
            }
            #expect(copy.headPosition == 0)
            await #expect(throws: EventStoreError.self) { try await copy.importEvents(Array(events[1...3])) }
            #expect(copy.headPosition == 0)
            #expect(throws: EventStoreError.self) { try EventArchive.event(fromLine: Array("{}".utf8), number: 1) }
        }
    }

    @Test("a byte changed on disk is found, at its position")
    func tamperedByte() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        var log = try LMDBEventLog.open(directory: directory.path)
        for index in 1...50 {
            let marker = index == 37 ? "TAMPER-ME" : "harmless"
            _ = try await log.append([event(payload: #"{"marker":"\#(marker)"}"#)], to: "s")
        }
        await log.close()

        let file = directory.path + "/data.mdb"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        let marker = Array("TAMPER-ME".utf8)
        var changed = 0
        var index = 0
        while let range = bytes[index...].firstRange(of: marker) {
            bytes[range.lowerBound] = UInt8(ascii: "D")
            index = range.upperBound
            changed += 1
        }
        try #require(changed > 0)
        try Data(bytes).write(to: URL(fileURLWithPath: file))

        log = try LMDBEventLog.open(directory: directory.path)
        let report = try log.verify()
        #expect(report.firstBreak?.position == 37)
        #expect(report.eventsChecked == 36)
        await log.close()
    }
}
