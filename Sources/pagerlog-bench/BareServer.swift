import ArgumentParser
import Hummingbird
import Logging

/// `pagerlog-bench bare-server`: the reference of `tools/bench http`, a Hummingbird server whose every
/// route answers a fixed JSON body at once, the most an HTTP endpoint can do on this machine.
struct BareServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bare-server",
        abstract: "Serve a fixed JSON body on every GET and POST path (the HTTP benchmark's reference)."
    )

    @Option(help: "The port to listen on, on 127.0.0.1.")
    var port = 18_081

    func run() async throws {
        let body = #"{"success": true, "code": 200, "message": null, "data": {"hostname": "host"}}"#
        let router = Router()
        let answer: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("**", use: answer)
        router.post("**", use: answer)
        var logger = Logger(label: "bare-server")
        logger.logLevel = .warning
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        try await application.runService()
    }
}
