import APIGateway
import ArgumentParser
import EventStore
import Foundation
import Hummingbird
import Logging
import Projections

/// `pagerlog serve`: the HTTP gateway over the data directory's log. Every option can also come from an
/// environment variable named after it (`--port` ↔ `PAGERLOG_PORT`); the flag wins.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Hot Potato and platform APIs over the log in --data.",
        discussion: """
            On first start with an empty data directory it creates an installation-wide admin OAuth client \
            (PAGERLOG_BOOTSTRAP_CLIENT_ID / PAGERLOG_BOOTSTRAP_CLIENT_SECRET, or generated and printed once) and \
            a default organization. SIGINT or SIGTERM finishes the requests in flight, then closes the log.
            """
    )

    @Option(help: "The address to listen on (PAGERLOG_HOST). [default: 127.0.0.1]")
    var host: String?

    @Option(help: "The port to listen on (PAGERLOG_PORT). [default: 8080]")
    var port: Int?

    @Option(help: "The data directory (PAGERLOG_DATA). [default: ./data]")
    var data: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (PAGERLOG_LOG_LEVEL). [default: info]")
    var logLevel: String?

    @Option(help: "The largest request body accepted, in bytes (PAGERLOG_MAX_BODY_BYTES). [default: 1048576]")
    var maxBodyBytes: Int?

    @Option(help: "How long a platform API access token works, in seconds (PAGERLOG_TOKEN_LIFETIME_SECONDS). [default: 3600]")
    var tokenLifetimeSeconds: Int64?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let setting = { (name: String) in environment["PAGERLOG_" + name] }
        let host = host ?? setting("HOST") ?? "127.0.0.1"
        let port = try port ?? Self.number(setting("PORT"), "PAGERLOG_PORT") ?? 8080
        let data = data ?? setting("DATA") ?? "./data"
        let levelName = logLevel ?? setting("LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: levelName) else { throw ValidationError("unknown log level \(levelName)") }
        let settings = GatewaySettings(
            maxBodyBytes: try maxBodyBytes ?? Self.number(setting("MAX_BODY_BYTES"), "PAGERLOG_MAX_BODY_BYTES") ?? 1 << 20,
            tokenLifetimeSeconds: try tokenLifetimeSeconds
                ?? Self.number(setting("TOKEN_LIFETIME_SECONDS"), "PAGERLOG_TOKEN_LIFETIME_SECONDS") ?? 3_600)

        var logger = Logger(label: "pagerlog")
        logger.logLevel = level
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let models = try ReadModels()
        let configuration = LMDBEventLog.Configuration(
            hooks: [models.runner], callerThreads: EventLoopCallerThreads(group: .singleton))
        try await LMDBEventLog.withOpenLog(directory: data, configuration: configuration) { log in
            try await models.runner.catchUp(log)
            let gateway = Gateway(log: log, models: models, settings: settings)
            if let bootstrap = try await gateway.bootstrapIfEmpty(
                clientID: setting("BOOTSTRAP_CLIENT_ID"), secret: setting("BOOTSTRAP_CLIENT_SECRET")) {
                Self.announce(bootstrap)
            }
            let application = Application(
                router: GatewayRouter(gateway: gateway),
                configuration: .init(address: .hostname(host, port: port), serverName: "pagerlog"),
                logger: logger)
            try await application.runService()
        }
        logger.info("stopped; the log is closed")
    }

    private static func number<Value: FixedWidthInteger>(_ text: String?, _ name: String) throws -> Value? {
        guard let text else { return nil }
        guard let value = Value(text) else { throw ValidationError("\(name) must be a whole number, not \(text)") }
        return value
    }

    private static func announce(_ bootstrap: Gateway.Bootstrap) {
        print("First start: created the platform admin client and the default organization.")
        print("  client_id:       \(bootstrap.clientID)")
        if let secret = bootstrap.generatedSecret {
            print("  client_secret:   \(secret)   (shown once: keep it)")
        } else {
            print("  client_secret:   as set in PAGERLOG_BOOTSTRAP_CLIENT_SECRET")
        }
        print("  organization_id: \(bootstrap.organization.organizationID)")
        fflush(nil)
    }
}
