public import Hummingbird

/// The whole HTTP surface of the gateway: every API family's routes, answered by `GatewayResponder` (errors
/// in their family's envelope, one access-log line a request).
public struct GatewayRouter: HTTPResponderBuilder {
    private let gateway: Gateway

    public init(gateway: Gateway) {
        self.gateway = gateway
    }

    public func buildResponder() -> some HTTPResponder<GatewayContext> {
        let router = Router(context: GatewayContext.self)
        HotPotatoRoutes(gateway: gateway).add(to: router)
        PlatformRoutes(gateway: gateway).add(to: router)
        return GatewayResponder(routes: router.buildResponder())
    }
}
