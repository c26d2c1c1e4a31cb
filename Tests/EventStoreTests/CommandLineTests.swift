import EventStore
import Foundation
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

@Suite("The pagerlog command line", .enabled(if: FileManager.default.fileExists(atPath: PagerlogCommand.executable.path)))
struct CommandLineTests {
    @Test("export, import into an empty directory, export again: the same bytes, and verify says intact")
    func exportImportVerify() async throws {
        let source = TemporaryDirectory()
        let copy = TemporaryDirectory()
        let files = TemporaryDirectory()
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
        let directory = TemporaryDirectory()
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
        let missing = TemporaryDirectory()
        let files = TemporaryDirectory()
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
}
