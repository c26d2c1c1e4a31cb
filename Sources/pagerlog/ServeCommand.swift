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

    @Option(help: """
        How long a connection may stay silent, between requests or part-way through sending one, before the \
        server closes it, in seconds (PAGERLOG_IDLE_TIMEOUT_SECONDS). [default: 60]
        """)
    var idleTimeoutSeconds: Int64?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let setting = { (name: String) in environment["PAGERLOG_" + name] }
        let host = host ?? setting("HOST") ?? "127.0.0.1"
        let port = try Self.wholeNumber(port, "PORT", in: environment, default: 8080, in: 0...65_535)
        let data = data ?? setting("DATA") ?? "./data"
        let levelName = logLevel ?? setting("LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: levelName) else { throw ValidationError("unknown log level \(levelName)") }
        let settings = GatewaySettings(
            maxBodyBytes: try Self.wholeNumber(
                maxBodyBytes, "MAX_BODY_BYTES", in: environment, default: 1 << 20, in: 1...(1 << 30)),
            tokenLifetimeSeconds: try Self.wholeNumber(
                tokenLifetimeSeconds, "TOKEN_LIFETIME_SECONDS", in: environment, default: 3_600, in: 1...31_536_000))
        let idleTimeout = try Self.wholeNumber(
            idleTimeoutSeconds, "IDLE_TIMEOUT_SECONDS", in: environment, default: 60, in: 1...86_400)

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
                server: .http1(configuration: .init(idleTimeout: .seconds(idleTimeout))),
                configuration: .init(address: .hostname(host, port: port), serverName: "pagerlog"),
                logger: logger)
            try await application.runService()
        }
        logger.info("stopped; the log is closed")
    }

    /// A whole-number option: the flag's value, else that of `PAGERLOG_<name>` in `environment`, else
    /// `fallback`; outside `range` it is refused, as a value the server would fail on later (a bind, an
    /// overflowing expiry) or that would refuse every request.
    private static func wholeNumber<Value: FixedWidthInteger>(
        _ flag: Value?, _ name: String, in environment: [String: String], default fallback: Value,
        in range: ClosedRange<Value>
    ) throws -> Value {
        let variable = "PAGERLOG_" + name
        let flagName = "--" + name.lowercased().replacingOccurrences(of: "_", with: "-")
        let value: Value
        if let flag {
            value = flag
        } else if let text = environment[variable] {
            guard let parsed = Value(text) else { throw ValidationError("\(variable) must be a whole number, not \(text)") }
            value = parsed
        } else {
            value = fallback
        }
        guard range.contains(value) else {
            throw ValidationError("\(flagName) (\(variable)) must be from \(range.lowerBound) to \(range.upperBound), not \(value)")
        }
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
