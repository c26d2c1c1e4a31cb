public import Hummingbird

/// The request context of every route: Hummingbird's core storage, nothing more. Who is calling is
/// worked out by each API family's own authentication, which differs (a server's API key in a header or
/// in the body, an OAuth bearer token), and handed to the handler as a value.
public struct GatewayContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
