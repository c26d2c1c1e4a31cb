@testable import EventStore
import Fixtures
import Foundation
import Testing

@Suite("Zeros written ahead of the data file's pages")
struct ZeroedTailTests {
    @Test("zeros go past the used pages, never over them, and not past the limit")
    func zerosAhead() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.path + "/data.mdb"
        let used = Data(repeating: 0xab, count: 3 * 4_096)
        _ = FileManager.default.createFile(atPath: path, contents: used)

        let tail = ZeroedTail(dataFile: path)
        tail.extend(pastUsed: used.count, limit: 1 << 30)
        let extended = try Data(contentsOf: URL(fileURLWithPath: path))
        // A file system without O_DIRECT leaves the file as it was; one with it must get the zeros.
        let zeroed = acceptsDirectIO(in: directory.path) ? ZeroedTail.extent : 0
        #expect(extended.count == used.count + zeroed)
        #expect(extended.prefix(used.count) == used)
        #expect(extended.dropFirst(used.count).allSatisfy { $0 == 0 })

        tail.extend(pastUsed: used.count + 4_096, limit: 1 << 30)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == extended.count, "still well ahead: nothing written")

        let nearEnd = extended.count - 4_096
        tail.extend(pastUsed: nearEnd, limit: extended.count + 8_192)
        let limited = try Data(contentsOf: URL(fileURLWithPath: path)).count
        #expect(limited == extended.count + (zeroed > 0 ? 8_192 : 0))
    }

    /// Whether files in `directory` open with `O_DIRECT`, as the data file's zeros need.
    private func acceptsDirectIO(in directory: String) -> Bool {
        #if os(Linux)
        let descriptor = open(directory + "/probe", O_CREAT | O_WRONLY | ZeroedTail.directIO, 0o644)
        defer { if descriptor >= 0 { close(descriptor) } }
        return descriptor >= 0
        #else
        return false
        #endif
    }

    @Test("closing the log leaves none of its files open")
    func closeReleasesFiles() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try await LMDBEventLog.withOpenLog(directory: directory.path) { log in
            _ = try await log.append([event()], to: "one")
            #expect(!openFiles(under: directory.path).isEmpty)
        }
        #expect(openFiles(under: directory.path).isEmpty)
    }

    /// The files of this process under `path`, from `/proc/self/fd`.
    private func openFiles(under path: String) -> [String] {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0) }
            .filter { $0.hasPrefix(path + "/") }
    }

    @Test("a log whose file reaches past its pages reopens with every event, and verifies")
    func reopenOverZeros() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let payload = #"{"output":"\#(String(repeating: "z", count: 300))"}"#
        for round in 1...3 {
            try await LMDBEventLog.withOpenLog(directory: directory.path) { log async throws in
                for _ in 0..<20 {
                    _ = try await log.append((0..<100).map { _ in event(payload: payload) }, to: "round-\(round)")
                }
                #expect(log.headPosition == UInt64(round * 2_000))
            }
        }
        try await LMDBEventLog.withOpenLog(directory: directory.path) { log async throws in
            #expect(try allEvents(log).count == 6_000)
            #expect(try log.event(at: 6_000)?.payload == Data(payload.utf8))
            #expect(try log.verify().isIntact)
        }
    }
}
