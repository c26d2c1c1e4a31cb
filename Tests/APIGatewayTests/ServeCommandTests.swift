import EventStore
import Fixtures
import Foundation
import Glibc
import Synchronization
import Testing

/// `pagerlog serve` run as an operator runs it: the built executable on a loopback port, configured from
/// the environment, stopped with SIGTERM.
@Suite("pagerlog serve")
struct ServeCommandTests {
    @Test("serves on the port and data directory from the environment, bootstraps, and stops cleanly on SIGTERM")
    func serveAndStop() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let serve = try await ServeProcess(directory: directory.path)
        defer { serve.kill() }

        let token = try serve.accessToken()
        let application = try Loopback.request(port: serve.port, "GET /v1/application", headers: ["Authorization: Bearer \(token)"])
        #expect(application.status == 200)
        #expect(try Loopback.request(port: serve.port, "POST /api/servers/v2/heartbeats/create").status == 401)

        #expect(try await serve.stop() == 0)
        let log = serve.output()
        #expect(log.contains("client_id:       ops"))
        #expect(log.contains("POST /v1/oauth/token 200"))
        #expect(log.contains("stopped; the log is closed"))
        #expect(FileManager.default.fileExists(atPath: directory.path + "/data.mdb"))
    }

    @Test("SIGTERM under load: every heartbeat answered 201 is in the log, which verifies, and the server exits 0")
    func stopUnderLoad() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        // One log line a request would fill the output pipe, which this test does not read until the end.
        let serve = try await ServeProcess(directory: directory.path, logLevel: "warning")
        defer { serve.kill() }
        let key = try serve.serverKey(token: try serve.accessToken())

        // Each sender on a thread of its own, as its blocking socket calls would hold a pool thread.
        let answered = Tally()
        let senders = (0..<8).map { _ in
            Task { [port = serve.port] in
                await Self.onThread {
                    // Heartbeats one after another until the server stops answering: the ids it acknowledged.
                    var acknowledged: [UInt64] = []
                    while let reply = try? Loopback.request(
                        port: port, "POST /api/servers/v2/heartbeats/create", headers: ["Authorization: Apikey \(key)"]),
                        reply.status == 201, let id = ServeProcess.json(reply.body, "data", "id") as? Int {
                        acknowledged.append(UInt64(id))
                        answered.count.add(1, ordering: .relaxed)
                    }
                    return acknowledged
                }
            }
        }
        // Stopped once the senders are under way, however slowly the machine starts them.
        let deadline = ContinuousClock.now + .seconds(10)
        while answered.count.load(ordering: .relaxed) < 16, .now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await serve.stop() == 0)
        var acknowledged: [UInt64] = []
        for sender in senders { acknowledged += await sender.value }
        #expect(acknowledged.count > 8, "the senders were under way when the server stopped")

        let (types, report) = try await LMDBEventLog.withOpenLog(directory: directory.path) { log in
            (try acknowledged.map { try log.event(at: $0)?.type }, try log.verify())
        }
        #expect(types.allSatisfy { $0 == "heartbeat.received" })
        #expect(report.isIntact)
    }

    @Test("a connection that goes silent, before its first request or part-way through one, is closed after the idle timeout")
    func idleConnectionsAreClosed() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let serve = try await ServeProcess(directory: directory.path, environment: ["PAGERLOG_IDLE_TIMEOUT_SECONDS": "1"])
        defer { serve.kill() }

        // On threads of their own, as their blocking socket calls would hold pool threads for a second.
        let openings = ["", "GET /v1/application HTTP/1.1\r\nHost: 127.0.0.1\r\n"]
        let clients = openings.map { opening in
            Task { [port = serve.port] in
                await Self.onThread { Result { try Loopback.timeUntilClosed(port: port, afterSending: opening) } }
            }
        }
        for client in clients {
            let open = try await client.value.get()
            #expect(open >= .milliseconds(900) && open < .seconds(5), "closed after \(open)")
        }
        #expect(try Loopback.request(port: serve.port, "GET /v1/application").status == 401, "the server serves on")
        #expect(try await serve.stop() == 0)
    }

    @Test("options outside their range are refused at start, with what they must be, before anything is opened")
    func optionsOutOfRange() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let cases: [(arguments: [String], environment: [String: String], reason: String)] = [
            (["--port", "70000"], [:], "--port (PAGERLOG_PORT) must be from 0 to 65535, not 70000"),
            (["--max-body-bytes=0"], [:], "--max-body-bytes (PAGERLOG_MAX_BODY_BYTES) must be from 1 to 1073741824, not 0"),
            ([], ["PAGERLOG_TOKEN_LIFETIME_SECONDS": "100000000000000"],
             "--token-lifetime-seconds (PAGERLOG_TOKEN_LIFETIME_SECONDS) must be from 1 to 31536000, not 100000000000000"),
            ([], ["PAGERLOG_IDLE_TIMEOUT_SECONDS": "soon"], "PAGERLOG_IDLE_TIMEOUT_SECONDS must be a whole number, not soon"),
        ]
        for (arguments, environment, reason) in cases {
            let refusal = try await ServeProcess.refusal(arguments + ["--data", directory.path], environment: environment)
            #expect(refusal.status == 64)
            #expect(refusal.output.contains(reason), "\(refusal.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/data.mdb"))
    }

    /// A count the sender threads share.
    private final class Tally: Sendable {
        let count = Atomic<Int>(0)
    }

    /// `body`'s result, computed on a new thread.
    private static func onThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}

/// `pagerlog serve` started as an operator starts it, configured from the environment, on a free loopback
/// port over `directory`, with the bootstrap client `ops`; its output goes to a pipe read once it has exited.
private struct ServeProcess {
    let port: Int
    private let process: Process
    private let pipe: Pipe

    init(directory: String, logLevel: String = "info", environment: [String: String] = [:]) async throws {
        port = try Loopback.freePort()
        (process, pipe) = try Self.launch(["--log-level", logLevel], environment: [
            "PAGERLOG_PORT": "\(port)", "PAGERLOG_DATA": directory,
            "PAGERLOG_BOOTSTRAP_CLIENT_ID": "ops", "PAGERLOG_BOOTSTRAP_CLIENT_SECRET": "ops-secret",
        ].merging(environment) { $1 })
        try await Loopback.waitForListener(on: port)
    }

    /// Runs `pagerlog serve` with `arguments` until it exits, as it does at once when it refuses its options:
    /// its exit status and everything it printed. A server that starts instead, on a free port unless told
    /// otherwise, is killed after 10 s.
    static func refusal(
        _ arguments: [String], environment: [String: String]
    ) async throws -> (status: Int32, output: String) {
        let freePort = ["PAGERLOG_PORT": "\(try Loopback.freePort())"]
        let (process, pipe) = try launch(arguments, environment: freePort.merging(environment) { $1 })
        for _ in 0..<200 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// `pagerlog serve` started with `arguments`, and `environment` over the test's own; its output and its
    /// errors go to the pipe.
    private static func launch(_ arguments: [String], environment: [String: String]) throws -> (Process, Pipe) {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pagerlog")
        try #require(FileManager.default.fileExists(atPath: executable.path), "build pagerlog first (tools/test does)")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        return (process, pipe)
    }

    /// A token for the bootstrap client.
    func accessToken() throws -> String {
        let token = try Loopback.request(
            port: port, "POST /v1/oauth/token", headers: ["Content-Type: application/x-www-form-urlencoded"],
            body: "grant_type=client_credentials&client_id=ops&client_secret=ops-secret")
        #expect(token.status == 200)
        return try #require(Self.json(token.body, "access_token") as? String)
    }

    /// The API key of a new monitoring server in the default organization.
    func serverKey(token: String) throws -> String {
        let bearer = "Authorization: Bearer \(token)"
        let organizations = try Loopback.request(port: port, "GET /v1/organizations", headers: [bearer])
        let organization = try #require(
            (Self.json(organizations.body, "_embedded", "organizations") as? [Any])?.first.flatMap { ($0 as? [String: Any])?["id"] as? String })
        let server = try Loopback.request(
            port: port, "POST /v1/servers", headers: [bearer, "Content-Type: application/json"],
            body: #"{"organization_id": "\#(organization)", "name": "load"}"#)
        #expect(server.status == 201)
        return try #require(Self.json(server.body, "api_key") as? String)
    }

    /// Sends SIGTERM and waits for the process to exit; its exit status.
    func stop() async throws -> Int32 {
        process.terminate()
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        try #require(!process.isRunning, "pagerlog serve did not stop within 10 s of SIGTERM")
        return process.terminationStatus
    }

    /// Everything the process printed; once it has exited.
    func output() -> String {
        String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// For a test that failed before stopping it: SIGKILL, as the server may be what failed to stop.
    func kill() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// The value at `path` in a JSON object's text.
    static func json(_ text: String, _ path: String...) -> Any? {
        var value: Any? = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        for key in path { value = (value as? [String: Any])?[key] }
        return value
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

    /// Connects, sends `text`, then waits for the server to close the connection without sending anything
    /// more; how long that took from the connection's start. Fails if it is still open after 15 s.
    static func timeUntilClosed(port: Int, afterSending text: String) throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        let socket = try connected(to: port)
        defer { close(socket) }
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, 0) }) == bytes.count else { throw Failure(reason: "send") }
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var byte: UInt8 = 0
        let count = recv(socket, &byte, 1, 0)
        guard count == 0 else { throw Failure(reason: count < 0 ? "still open after 15 s" : "the server answered") }
        return start.duration(to: clock.now)
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
