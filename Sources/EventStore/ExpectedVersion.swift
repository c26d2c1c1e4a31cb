/// What a writer believes a stream's current version to be: the optimistic-concurrency check of an append.
public enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// No check.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream's last event must have exactly this version.
    case exact(UInt64)

    func admits(currentVersion: UInt64) -> Bool {
        switch self {
        case .any: true
        case .noStream: currentVersion == 0
        case .exact(let version): currentVersion == version
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .noStream: "no stream"
        case .exact(let version): "version \(version)"
        }
    }
}
