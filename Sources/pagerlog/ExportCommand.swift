import ArgumentParser
import EventStore
import Foundation

/// `pagerlog export`: the log as NDJSON, one envelope per line (see `EventArchive`).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the log as NDJSON, one envelope per line, to standard output or a file."
    )

    @OptionGroup var directory: DataDirectoryOptions

    @Option(help: "The first position to export.")
    var from: UInt64 = 1

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let sink = try OutputSink(path: output)
        try await directory.withLog { log in
            try log.forEachEvent(from: from) { event in
                sink.write(EventArchive.line(for: event))
                return true
            }
        }
        try sink.finish()
    }
}

/// Buffered text output to a file or standard output.
final class OutputSink {
    private let handle: FileHandle
    private var buffer = Data()

    init(path: String?) throws {
        guard let path else {
            handle = .standardOutput
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("cannot write \(path)")
        }
        self.handle = handle
    }

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { flush() }
    }

    func finish() throws {
        flush()
        try handle.synchronize()
    }

    private func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
