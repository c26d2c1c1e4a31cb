import Hummingbird
import Logging

/// Turns every error a request ends in into a response in its API family's envelope: the gateway's own
/// refusals, Hummingbird's (no such route, body too large), and anything unexpected, which is logged and
/// answered 500 without its details.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    typealias Context = GatewayContext

    func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let family = APIFamily(path: request.uri.path)
            return try family.response(for: Self.gatewayError(error, request: request, context: context))
        }
    }

    private static func gatewayError(_ error: any Error, request: Request, context: Context) -> GatewayError {
        switch error {
        case let error as GatewayError:
            return error
        case let error as HTTPError where error.status == .notFound:
            return GatewayError(.notFound, "no route \(request.method) \(request.uri.path)", code: .notFound)
        case let error as HTTPError:
            return GatewayError(error.status, error.body ?? error.status.reasonPhrase)
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return GatewayError(.contentTooLarge, "the request body is larger than this server accepts")
        case let error as any HTTPResponseError:
            return GatewayError(error.status, error.status.reasonPhrase)
        default:
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return GatewayError(.internalServerError, "the server failed to answer this request")
        }
    }
}
