import EventStore
import Foundation
import Testing

@Suite("Time-ordered ids")
struct TimeOrderedIDTests {
    @Test("ids made at once on many tasks, across many refills of the random bytes, are all distinct")
    func distinct() async {
        let perTask = 2_000
        let ids = await withTaskGroup(of: [UUID].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<perTask).map { _ in UUID.timeOrdered() } }
            }
            return await group.reduce(into: [UUID]()) { $0 += $1 }
        }
        #expect(ids.count == 8 * perTask)
        #expect(Set(ids).count == ids.count)
    }

    @Test("version 7 and the RFC 9562 variant, with the millisecond first, so that later ids sort later")
    func layout() {
        let earlier = UUID.timeOrdered(at: Timestamp(microsecondsSinceEpoch: 1_531_188_537_717_142))
        let later = UUID.timeOrdered(at: Timestamp(microsecondsSinceEpoch: 1_531_188_537_718_000))
        for id in [earlier, later] {
            #expect(id.uuid.6 >> 4 == 7)
            #expect(id.uuid.8 >> 6 == 0b10)
        }
        #expect(earlier.uuidString.prefix(13) == "016481F2-E975")
        #expect(earlier.uuidString < later.uuidString)
    }
}
