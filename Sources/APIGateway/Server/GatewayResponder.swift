import Hummingbird
import Logging

/// Answers every request: the routes' answer, or the error it ended in rendered in its API family's
/// envelope, and one access-log line.
///
/// A responder around the router rather than two middlewares: Hummingbird hands a middleware its `next`
/// as a `@concurrent` closure, and with the event loops as Swift's executor each such call is a hop off
/// the loop and back, two a middleware and request. Without them a heartbeat took about a tenth less CPU
/// (PERFORMANCE.md).
struct GatewayResponder: HTTPResponder {
    let routes: RouterResponder<GatewayContext>

    func respond(to request: Request, context: GatewayContext) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await answer(request, context: context)
        } catch {
            response = try APIFamily(path: request.uri.path).response(for: GatewayError(answering: error, to: request, logger: context.logger))
        }
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(Self.milliseconds(since: start)) ms")
        return response
    }

    /// The routes' answer. Every error of a handler is thrown and rendered by `respond`; the router answers
    /// the errors it meets itself (no route for the path and method), and those are thrown here instead,
    /// to be rendered alike.
    private func answer(_ request: Request, context: GatewayContext) async throws -> Response {
        let response = try await routes.respond(to: request, context: context)
        guard response.status.kind == .clientError || response.status.kind == .serverError else { return response }
        throw HTTPError(response.status)
    }

    /// Milliseconds since `start`, with two decimals: the duration on an access-log line.
    private static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
        let hundredths = Int((milliseconds * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
