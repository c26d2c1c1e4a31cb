import EventStore
import Projections

/// A problem a monitoring server reports, in either Hot Potato version's words.
struct ReportedProblem: Sendable {
    /// `host` or `service`.
    var kind: String
    var troubleCode: String
    var hostname: String
    var displayName: String
    var serviceName: String
    var state: String
    var output: String
    /// When the monitoring server saw it, if it said.
    var observedAt: Timestamp?
}

/// A recorded heartbeat: its id is the log position of its event.
struct RecordedHeartbeat: Sendable {
    let id: UInt64
    let receivedAt: Timestamp
}

/// A recorded notification and whom it went to first.
struct SentNotification: Sendable {
    let notification: NotificationCreated
    let recordedAt: Timestamp
    /// The first person paged; `nil` when it could not be routed.
    let onCall: UserCreated?
    /// `routed`, or `new` when nobody could be paged.
    let status: NotificationRecord.Status
}

/// The Hot Potato API's writes: heartbeats, and notifications routed to whoever is on call.
extension Gateway {
    /// Records a heartbeat, and the server's recovery when it was missing: once, however many heartbeats
    /// arrive together after the miss.
    func recordHeartbeat(from caller: ServerCaller) async throws -> RecordedHeartbeat {
        let server = caller.server
        let received = HeartbeatReceived(serverID: server.serverID, organizationID: server.organizationID)
        let result = try await append(
            deciding: { readers in
                guard try HeartbeatQueries(readers[0]).state(of: server.serverID, in: server.organizationID)?.state == .missed
                else { return Decision(events: [received], dependsOnState: false) }
                let recovered = HeartbeatRecovered(serverID: server.serverID, organizationID: server.organizationID)
                return Decision(events: [received, recovered], dependsOnState: true)
            },
            reading: ["heartbeats"], to: "heartbeats-\(server.serverID)",
            EventMetadata(organization: server.organizationID.description, actor: caller.actor))
        return RecordedHeartbeat(id: result.events[0].position, receivedAt: result.events[0].recordedAt)
    }

    /// Records a notification and routes it to the organization's on-call escalation, as the on-call policy
    /// decides it now; with no schedule, or nobody available, it is recorded unrouted, with the reason.
    func sendNotification(_ problem: ReportedProblem, from caller: ServerCaller) async throws -> SentNotification {
        let organization = caller.server.organizationID
        let id = try newID("notif")
        let routing = try route(organization, at: clock.now())
        let notification = { number in
            NotificationCreated(
                notificationID: id, number: number, organizationID: organization, serverID: caller.server.serverID,
                kind: problem.kind, troubleCode: problem.troubleCode, hostname: problem.hostname,
                displayName: problem.displayName, serviceName: problem.serviceName, state: problem.state,
                output: problem.output, observedAt: problem.observedAt)
        }
        let created = try await appendNumbered(
            "notification", highest: { try self.read(["notifications"]) { try NotificationQueries($0[0]).highestNumber() } },
            EventMetadata(organization: organization.description, actor: caller.actor)
        ) { number in
            [
                notification(number),
                NotificationRouted(
                    notificationID: id, organizationID: organization, scheduleID: routing.scheduleID,
                    escalation: routing.escalation, reason: routing.reason, skipped: routing.skipped),
            ]
        }
        return SentNotification(
            notification: notification(created.number), recordedAt: created.result.events[0].recordedAt, onCall: routing.onCall,
            status: routing.escalation.isEmpty ? .new : .routed)
    }

    /// Whom the organization's first schedule puts on call at `instant`, in escalation order, and why, read
    /// with the first person's directory entry in one snapshot. A schedule this server cannot evaluate (a
    /// time zone its database lacks) leaves the notification unrouted, with the reason: a problem report is
    /// never refused for it.
    private func route(_ organization: TypeID, at instant: Timestamp) throws -> Routing {
        try read(["schedules", "availability", "directory"]) { readers in
            let schedules = ScheduleQueries(readers[0])
            guard let schedule = try schedules.schedules(in: organization).first else {
                return .unscheduled
            }
            let decision: OnCallDecision?
            do {
                decision = try schedules.onCall(
                    schedule.scheduleID, in: organization, at: instant, availability: AvailabilityQueries(readers[1]))
            } catch let error as ProjectionError {
                return Routing(
                    scheduleID: schedule.scheduleID, escalation: [], reason: "the schedule cannot be evaluated: \(error)", skipped: [],
                    onCall: nil)
            }
            guard let decision else {
                return .unscheduled
            }
            let escalation = decision.escalation.compactMap { TypeID($0) }
            return Routing(
                scheduleID: schedule.scheduleID, escalation: escalation, reason: Routing.describe(decision.reason),
                skipped: decision.skipped.map { "\($0.userID): \($0.reason.rawValue)" },
                onCall: try escalation.first.flatMap { try DirectoryQueries(readers[2]).user($0, in: organization) })
        }
    }
}

/// The outcome of routing a notification, as `NotificationRouted` records it.
private struct Routing {
    let scheduleID: TypeID?
    let escalation: [TypeID]
    let reason: String
    let skipped: [String]
    /// The first person of the escalation, as the directory has them.
    let onCall: UserCreated?

    /// Nobody to route to: the organization has no schedule.
    static let unscheduled = Routing(
        scheduleID: nil, escalation: [], reason: "the organization has no on-call schedule", skipped: [], onCall: nil)

    static func describe(_ reason: OnCallDecision.Reason) -> String {
        switch reason {
        case .override: "an override covers this time"
        case .requestedPager: "asked to take the pager"
        case let .rotation(position): "rotation position \(position)"
        case let .reluctantRotation(position): "rotation position \(position); everyone available would rather not"
        case .nobodyAvailable: "nobody is available to be on call"
        }
    }
}
