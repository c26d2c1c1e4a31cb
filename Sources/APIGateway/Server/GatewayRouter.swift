public import Hummingbird

/// The whole HTTP surface of the gateway: every API family's routes behind the access log and the error
/// envelopes.
public enum GatewayRouter {
    public static func make(_ gateway: Gateway) -> Router<GatewayContext> {
        let router = Router(context: GatewayContext.self)
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: ErrorEnvelopeMiddleware())
        HotPotatoRoutes(gateway: gateway).add(to: router)
        PlatformRoutes(gateway: gateway).add(to: router)
        return router
    }
}
