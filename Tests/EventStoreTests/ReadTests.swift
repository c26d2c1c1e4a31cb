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
}
