import Foundation

/// The C program in `tools/baselines/lmdb_baseline.c`, run as a child process in the same benchmark run.
struct CBaseline {
    let executable: String

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs the baseline with `arguments` and returns its `BASELINE <name> <value>` figures.
    func run(_ arguments: [String]) throws -> [String: Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        var figures: [String: Double] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 3, fields[0] == "BASELINE", let value = Double(fields[2]) {
                figures[String(fields[1])] = value
            }
        }
        return figures
    }

    func figure(_ name: String, from figures: [String: Double]) throws -> Double {
        guard let value = figures[name] else { throw Failed(description: "the baseline printed no \(name)") }
        return value
    }
}
