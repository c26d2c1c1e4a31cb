import EventStore
import Foundation
import Testing

@Suite("Reading")
struct ReadTests {
    @Test("by position, by id, forward from a position, and a stream in both directions")
    func reads() async throws {
        try await withTemporaryLog { log, _ in
            var ids: [UUID] = []
            for index in 1...10 {
                let proposed = event(payload: #"{"i":\#(index)}"#)
                ids.append(proposed.id)
                _ = try await log.append([proposed], to: index.isMultiple(of: 2) ? "even" : "odd")
            }
            _ = try await log.append([event()], to: "odd-one-out")
            #expect(try log.event(at: 4)?.id == ids[3])
            #expect(try log.event(at: 99) == nil)
            #expect(try log.event(id: ids[6])?.position == 7)
            #expect(try log.event(id: UUID()) == nil)
            #expect(try log.events(from: 9, limit: 10).map(\.position) == [9, 10, 11])
            #expect(try log.events(from: 3, limit: 2).map(\.position) == [3, 4])

            let odd = try log.events(inStream: "odd", from: nil, direction: .forward, limit: 100)
            #expect(odd.map(\.position) == [1, 3, 5, 7, 9])
            let oddTail = try log.events(inStream: "odd", from: nil, direction: .backward, limit: 2)
            #expect(oddTail.map(\.streamVersion) == [5, 4])
            let fromThree = try log.events(inStream: "even", from: 3, direction: .forward, limit: 100)
            #expect(fromThree.map(\.streamVersion) == [3, 4, 5])
            let backFromTwo = try log.events(inStream: "even", from: 2, direction: .backward, limit: 100)
            #expect(backFromTwo.map(\.streamVersion) == [2, 1])
            #expect(try log.events(inStream: "od", from: nil, direction: .forward, limit: 10).isEmpty)
        }
    }

    @Test("forEachEvent walks a log longer than one snapshot page, in order")
    func longScan() async throws {
        try await withTemporaryLog { log, _ in
            for _ in 0..<20 {
                _ = try await log.append((0..<1_000).map { _ in event() }, to: "bulk")
            }
            var expected: UInt64 = 1
            try log.forEachEvent { event in
                #expect(event.position == expected)
                expected += 1
                return true
            }
            #expect(expected == 20_001)
        }
    }

    @Test("a stream longer than several checkpoints reads like the log filtered, from anywhere, both ways")
    func longStreams() async throws {
        try await withTemporaryLog { log, _ in
            for round in 0..<9 {
                _ = try await log.append((0..<100).map { _ in event() }, to: "long")
                _ = try await log.append((0..<(round + 1)).map { _ in event() }, to: "other-\(round % 2)")
            }
            let expected = try allEvents(log).filter { $0.stream == "long" }
            #expect(expected.count == 900)
            for from in [nil, 1, 2, 255, 256, 257, 511, 512, 700, 899, 900, 901] as [UInt64?] {
                for limit in [1, 7, 300, 1_000] {
                    let forward = try log.events(inStream: "long", from: from, direction: .forward, limit: limit)
                    let start = Int(from ?? 1) - 1
                    #expect(forward == Array(expected.dropFirst(start).prefix(limit)), "forward from \(String(describing: from)) limit \(limit)")
                    let backward = try log.events(inStream: "long", from: from, direction: .backward, limit: limit)
                    let end = min(Int(from ?? 900), 900)
                    #expect(backward == Array(expected.prefix(end).reversed().prefix(limit)), "backward from \(String(describing: from)) limit \(limit)")
                }
            }
            #expect(try log.events(inStream: "long", from: 0, direction: .backward, limit: 5).isEmpty)
            #expect(try log.events(inStream: "long", from: nil, direction: .forward, limit: 0).isEmpty)
            #expect(try log.verify().isIntact)
        }
    }

    @Test("payloads kept from a scan stay intact after the scan has moved on, small, large and larger than a block")
    func payloadsOutliveTheirChunk() async throws {
        // Sizes from inline-small to larger than the scan's largest arena block, so that the kept payloads
        // come from several blocks, one of them a block of its own.
        func payload(_ index: Int) -> String {
            let padding = index == 1_000 ? 150_000 : index % 400
            return #"{"i":\#(index),"pad":"\#(String(repeating: "x", count: padding))"}"#
        }
        try await withTemporaryLog { log, _ in
            for start in stride(from: 0, to: 2_000, by: 100) {
                let batch = (start..<start + 100).map { event(payload: payload($0)) }
                _ = try await log.append(batch, to: "s-\(start % 3)")
            }
            var kept: [RecordedEvent] = []
            try log.forEachEvent { event in
                if event.position % 300 == 1 || event.position == 1_001 { kept.append(event) }
                return event.position < 1_900
            }
            #expect(kept.count == 8)
            for event in kept {
                #expect(String(decoding: event.payload, as: UTF8.self) == payload(Int(event.position) - 1))
                #expect(try log.event(at: event.position) == event)
            }
        }
    }

    @Test("a scan reads every name as written: short, long, longer than its cache keeps, non-ASCII, alternating")
    func scannedNames() async throws {
        let names = [
            "a", "server:7", "server:8", "server-7", "notification.created", "notification.createe",
            "org_01jbz45x59eynayzndz0jp10dz", "org_01jbz45x59eynayzndz0jp10dy", "läuft-überall", "\u{1F4DF} pager",
            String(repeating: "n", count: 64), String(repeating: "n", count: 65), String(repeating: "n", count: 255),
        ]
        try await withTemporaryLog { log, _ in
            // Every name in every role, in an order that makes each slot's name change often.
            for (index, name) in (names + names.reversed() + names).enumerated() {
                let other = names[(index * 5) % names.count]
                let proposed = ProposedEvent(
                    type: name, organization: index % 4 == 0 ? nil : other, actor: name,
                    payload: Data(#"{"i":\#(index)}"#.utf8))
                _ = try await log.append([proposed], to: other)
            }
            var scanned: [RecordedEvent] = []
            try log.forEachEvent { event in
                scanned.append(event)
                return true
            }
            #expect(scanned.count == 3 * names.count)
            for event in scanned {
                #expect(try log.event(at: event.position) == event)
            }
        }
    }
}
