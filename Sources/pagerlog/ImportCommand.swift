import ArgumentParser
import EventStore
import Foundation

/// `pagerlog import`: reads an export back, exactly, checking every hash on the way.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read an NDJSON export into a data directory; it must continue the log there (normally: an empty one)."
    )

    @OptionGroup var directory: DataDirectoryOptions

    @Option(help: "Read from this file instead of standard input.")
    var input: String?

    /// Events per transaction.
    private static let chunkSize = 2_048

    func run() async throws {
        let reader = try LineReader(path: input)
        try await directory.withLog(creating: true) { log in
            var chunk: [(line: Int, event: RecordedEvent)] = []
            var imported = 0
            var number = 0
            while let line = try reader.nextLine() {
                number += 1
                guard !line.isEmpty else { continue }
                chunk.append((number, try EventArchive.event(fromLine: line, number: number)))
                if chunk.count == Self.chunkSize {
                    try await log.importEvents(chunk)
                    imported += chunk.count
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty {
                try await log.importEvents(chunk)
                imported += chunk.count
            }
            print("imported \(imported) events; the log's head is at \(log.headPosition)")
        }
    }
}

/// Lines of a file or of standard input, read in large chunks.
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(path: String?) throws {
        guard let path else {
            handle = .standardInput
            return
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read \(path)") }
        self.handle = handle
    }

    /// The next line without its line break; `nil` at the end.
    func nextLine() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                return buffer[start..<newline]
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return buffer[start...]
            }
            buffer.removeFirst(start)
            start = 0
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
