import Foundation

/// A directory of its own under the system's temporary directory, for one test or one measurement, and
/// removed when it is done: every test target and the benchmarks need one, for a log or a C baseline.
public struct ScratchDirectory: Sendable {
    public let path: String

    /// A new, unused path; nothing is created until something writes there.
    public init() {
        path = NSTemporaryDirectory() + "pagerlog-" + UUID().uuidString
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs `body` with the path of a fresh, existing directory, removed afterwards.
    public static func use<Result>(_ body: (String) throws -> Result) throws -> Result {
        let directory = try created()
        defer { directory.remove() }
        return try body(directory.path)
    }

    /// Runs `body` with the path of a fresh, existing directory, removed afterwards.
    public static func use<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        let directory = try created()
        defer { directory.remove() }
        return try await body(directory.path)
    }

    private static func created() throws -> ScratchDirectory {
        let directory = ScratchDirectory()
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        return directory
    }
}
