import Fixtures
import Foundation
import Glibc
import Testing

/// `pagerlog serve` run as an operator runs it: the built executable on a loopback port, configured from
/// the environment, stopped with SIGTERM.
@Suite("pagerlog serve")
struct ServeCommandTests {
    @Test("serves on the port and data directory from the environment, bootstraps, and stops cleanly on SIGTERM")
    func serveAndStop() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let port = try Loopback.freePort()
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pagerlog")
        try #require(FileManager.default.fileExists(atPath: executable.path), "build pagerlog first (tools/test does)")

        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve"]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "PAGERLOG_PORT": "\(port)", "PAGERLOG_DATA": directory.path,
            "PAGERLOG_BOOTSTRAP_CLIENT_ID": "ops", "PAGERLOG_BOOTSTRAP_CLIENT_SECRET": "ops-secret",
        ]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        try await Loopback.waitForListener(on: port)
        let token = try Loopback.request(
            port: port, "POST /v1/oauth/token", headers: ["Content-Type: application/x-www-form-urlencoded"],
            body: "grant_type=client_credentials&client_id=ops&client_secret=ops-secret")
        #expect(token.status == 200)
        let accessToken = try #require(
            (try JSONSerialization.jsonObject(with: Data(token.body.utf8)) as? [String: Any])?["access_token"] as? String)
        let application = try Loopback.request(port: port, "GET /v1/application", headers: ["Authorization: Bearer \(accessToken)"])
        #expect(application.status == 200)
        #expect(try Loopback.request(port: port, "POST /api/servers/v2/heartbeats/create").status == 401)

        process.terminate()
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("client_id:       ops"))
        #expect(log.contains("POST /v1/oauth/token 200"))
        #expect(log.contains("stopped; the log is closed"))
        #expect(FileManager.default.fileExists(atPath: directory.path + "/data.mdb"))
    }
}

/// A minimal HTTP/1.1 client over a loopback socket: enough to talk to a server in another process
/// without a client library.
enum Loopback {
    struct Failure: Error {
        let reason: String
    }

    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        let socket = try open()
        defer { close(socket) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure(reason: "bind") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard named == 0 else { throw Failure(reason: "getsockname") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func waitForListener(on port: Int) async throws {
        for _ in 0..<300 {
            if let socket = try? connected(to: port) {
                close(socket)
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(reason: "nothing listens on port \(port)")
    }

    /// Sends `"<METHOD> <path>"` with `headers` and `body`; the status and the body of the answer.
    static func request(port: Int, _ line: String, headers: [String] = [], body: String = "") throws -> (status: Int, body: String) {
        let socket = try connected(to: port)
        defer { close(socket) }
        let request = ([line + " HTTP/1.1", "Host: 127.0.0.1", "Connection: close", "Content-Length: \(body.utf8.count)"] + headers)
            .joined(separator: "\r\n") + "\r\n\r\n" + body
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, 0) }) == bytes.count else { throw Failure(reason: "send") }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            answer += buffer.prefix(count)
        }
        let text = String(decoding: answer, as: UTF8.self)
        guard let statusLine = text.split(separator: "\r\n").first, let status = Int(statusLine.split(separator: " ")[1]) else {
            throw Failure(reason: "no status line in \(text)")
        }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    private static func connected(to port: Int) throws -> Int32 {
        let socket = try open()
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(socket)
            throw Failure(reason: "connect")
        }
        return socket
    }

    private static func open() throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(reason: "socket") }
        return socket
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }
}
