import Foundation

/// Decides whether a directory may hold a log before LMDB touches it.
enum DataDirectory {
    /// Creates `path` if it is missing. An existing directory must be empty or already hold `data.mdb`,
    /// so that a mistyped `--data` never scatters a log into somebody's home directory.
    static func prepare(_ path: String) throws {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw EventStoreError.notAPagerlogDirectory(path: path, reason: "it is a file, not a directory")
            }
            let contents = ((try? files.contentsOfDirectory(atPath: path)) ?? []).filter { $0 != DirectoryLock.fileName }
            guard contents.isEmpty || contents.contains("data.mdb") else {
                throw EventStoreError.notAPagerlogDirectory(path: path, reason: "it holds other files and no data.mdb")
            }
            return
        }
        do {
            try files.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw EventStoreError.storage(operation: "create directory \(path)", code: 0, message: "\(error)")
        }
    }
}
