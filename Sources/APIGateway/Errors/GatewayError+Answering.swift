import Hummingbird
import Logging

extension GatewayError {
    /// What a request that ended in `error` is answered: the gateway's own refusals as they are,
    /// Hummingbird's (no such route, body too large) in the gateway's words, and anything unexpected,
    /// which is logged, as a 500 without its details.
    init(answering error: any Error, to request: Request, logger: Logger) {
        switch error {
        case let error as GatewayError:
            self = error
        case let error as any HTTPResponseError:
            self = GatewayError(refusal: error.status, message: (error as? HTTPError)?.body, to: request)
        default:
            logger.error("request failed", metadata: ["error": "\(error)"])
            self = GatewayError(.internalServerError, "the server failed to answer this request")
        }
    }

    /// A refusal of Hummingbird's, with `status`, and the message it gave, if any.
    private init(refusal status: HTTPResponse.Status, message: String?, to request: Request) {
        switch status {
        case .notFound:
            self = GatewayError(.notFound, "no route \(request.method) \(request.uri.path)", code: .notFound)
        case .contentTooLarge:
            self = GatewayError(.contentTooLarge, "the request body is larger than this server accepts")
        default:
            self = GatewayError(status, message ?? status.reasonPhrase)
        }
    }
}
