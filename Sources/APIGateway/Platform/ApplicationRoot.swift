/// `GET /v1/application`: the root resource, linking every endpoint category.
struct ApplicationRoot: Encodable, Sendable {
    let name = "Pagerlog"
    let links: [String: Link] = [
        "self": Link(href: "/v1/application"),
        "token": Link(href: "/v1/oauth/token"),
        "organizations": Link(href: "/v1/organizations{?page,size}"),
        "users": Link(href: "/v1/users{?organization_id,page,size}"),
        "servers": Link(href: "/v1/servers{?organization_id,page,size}"),
        "schedules": Link(href: "/v1/schedules{?organization_id,page,size}"),
        "notifications": Link(href: "/v1/notifications{?organization_id,status,server_id,since,page,size}"),
        "events": Link(href: "/v1/events{?start,size,stream,type,since,until}"),
        "projections": Link(href: "/v1/projections"),
    ]

    enum CodingKeys: String, CodingKey {
        case name
        case links = "_links"
    }
}
