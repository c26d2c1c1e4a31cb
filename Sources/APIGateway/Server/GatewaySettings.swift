/// What an operator can tune in the gateway; `pagerlog serve` fills it from its options.
public struct GatewaySettings: Sendable {
    /// Bodies larger than this are refused with 413.
    public var maxBodyBytes: Int
    /// How long an OAuth access token of the platform API works.
    public var tokenLifetimeSeconds: Int64

    public init(maxBodyBytes: Int = 1 << 20, tokenLifetimeSeconds: Int64 = 3_600) {
        self.maxBodyBytes = maxBodyBytes
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
    }
}
