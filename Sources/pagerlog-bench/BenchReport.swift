import Foundation

/// Prints benchmark figures in the one format every tool script and closing note uses:
/// `BENCH <name> <value> <unit>`, and `BENCH <name>_ratio <value> vs <reference>` for ratios.
enum BenchReport {
    static func figure(_ name: String, _ value: Double, _ unit: String) {
        emit("BENCH \(name) \(format(value)) \(unit)")
    }

    static func ratio(_ name: String, _ value: Double, versus reference: String) {
        emit("BENCH \(name)_ratio \(String(format: "%.3f", value)) vs \(reference)")
    }

    /// A line for the reader, not a figure.
    static func note(_ text: String) {
        emit("# \(text)")
    }

    private static func emit(_ line: String) {
        print(line)
        fflush(nil)
    }

    private static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.3f", value)
    }
}
