import EventStore

/// Text that a client may send as a JSON string or number: the seed documents `trouble_code` as an int
/// while its examples send `"BAD01"`.
struct LenientText: Decodable, Sendable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
    }
}

/// `POST /api/servers/v2/notifications/send`.
struct SendNotificationRequest: Decodable, Sendable {
    let notifType: String
    let troubleCode: LenientText?
    let hostname: String
    let displayName: String?
    let serviceName: String?
    let state: String
    let output: String?

    enum CodingKeys: String, CodingKey {
        case notifType = "notif_type"
        case troubleCode = "trouble_code"
        case hostname
        case displayName = "display_name"
        case serviceName = "service_name"
        case state
        case output
    }

    func problem() throws -> ReportedProblem {
        try ReportedProblem.validated(
            kind: (notifType, "notif_type"), serviceName: (serviceName, "service_name"), troubleCode: troubleCode?.text,
            hostname: hostname, displayName: displayName, state: state, output: output, observedAt: nil)
    }
}

/// `POST /api/v1/add/notification`.
struct AddNotificationRequest: Decodable, Sendable {
    let notificationtype: String
    let troublecode: LenientText?
    let hostname: String
    let displayname: String?
    let servicename: String?
    let state: String
    let output: String?
    let icingadatetime: String?

    func problem() throws -> ReportedProblem {
        var observedAt: Timestamp?
        if let icingadatetime {
            guard let parsed = Timestamp(iso8601: icingadatetime) else {
                throw GatewayError(.badRequest, "icingadatetime must be a date and time like 2018-07-10 02:08:57", field: "icingadatetime", code: .invalid)
            }
            observedAt = parsed
        }
        return try ReportedProblem.validated(
            kind: (notificationtype, "notificationtype"), serviceName: (servicename, "servicename"),
            troubleCode: troublecode?.text, hostname: hostname, displayName: displayname, state: state, output: output,
            observedAt: observedAt)
    }
}

/// The `apikey` of a V1 body, read before anything else in it.
struct V1Credentials: Decodable, Sendable {
    let apikey: String?
}

/// `POST /api/v1/check/notification`.
struct CheckNotificationRequest: Decodable, Sendable {
    let id: Int64
}

extension ReportedProblem {
    /// The problem, once its kind is `host` or `service` and a service problem names its service; the
    /// field names are the ones the client used.
    static func validated(
        kind: (value: String, field: String), serviceName: (value: String?, field: String), troubleCode: String?,
        hostname: String, displayName: String?, state: String, output: String?, observedAt: Timestamp?
    ) throws -> ReportedProblem {
        guard kind.value == "host" || kind.value == "service" else {
            throw GatewayError(.badRequest, "\(kind.field) must be host or service", field: kind.field, code: .invalid)
        }
        let service = serviceName.value ?? ""
        if kind.value == "service", service.isEmpty {
            throw GatewayError(.badRequest, "\(serviceName.field) is required for a service notification", field: serviceName.field, code: .missingField)
        }
        guard !hostname.isEmpty else {
            throw GatewayError(.badRequest, "hostname must not be empty", field: "hostname", code: .invalid)
        }
        return ReportedProblem(
            kind: kind.value, troubleCode: troubleCode ?? "", hostname: hostname, displayName: displayName ?? "",
            serviceName: service, state: state, output: output ?? "", observedAt: observedAt)
    }
}
