/// Every read model Pagerlog keeps, and the catalog of every event type they read: what the server and the
/// command line load, so that both fold the log the same way.
public struct ReadModels: Sendable {
    public let catalog: EventCatalog
    public let runner: ProjectionRunner

    /// `chunkSize`: events a catch-up folds in one transaction (see `ProjectionRunner`).
    public init(chunkSize: Int = ProjectionRunner.defaultChunkSize) throws {
        let eventTypes = DirectoryProjection.events + AvailabilityProjection.events + ScheduleProjection.events
            + HeartbeatProjection.events + NotificationProjection.events + ModicaProjection.events
            + RequestProjection.events + WebhookProjection.events + OnCallTimelineProjection.events
        var seen = Set<String>()
        catalog = try EventCatalog(eventTypes.filter { seen.insert($0.eventType).inserted })
        runner = try ProjectionRunner([
            DirectoryProjection(catalog: catalog), AvailabilityProjection(catalog: catalog),
            ScheduleProjection(catalog: catalog), HeartbeatProjection(catalog: catalog),
            NotificationProjection(catalog: catalog), ModicaProjection(catalog: catalog),
            RequestProjection(catalog: catalog), WebhookProjection(catalog: catalog),
            OnCallTimelineProjection(catalog: catalog),
        ], catalog: catalog, chunkSize: chunkSize)
    }
}
