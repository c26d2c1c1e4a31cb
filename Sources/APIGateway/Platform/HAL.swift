import Hummingbird

/// HAL, as the platform API writes it: a resource's own fields beside `_links`, and collections with their
/// items under `_embedded` and a `page` block (0-based `number`).
struct Link: Encodable, Sendable {
    let href: String
}

/// A resource: `body`'s fields, then `_links`.
struct HALResource<Body: Encodable & Sendable>: Encodable, Sendable {
    let body: Body
    let links: [String: Link]

    func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
        var container = encoder.container(keyedBy: HALKey.self)
        try container.encode(links, forKey: HALKey("_links"))
    }
}

/// One page of a collection.
struct HALPage<Item: Encodable & Sendable>: Encodable, Sendable {
    struct PageInfo: Encodable, Sendable {
        let size: Int
        let totalElements: Int
        let totalPages: Int
        let number: Int
    }

    let name: String
    let items: [HALResource<Item>]
    let page: PageInfo
    let links: [String: Link]

    /// Page `request.page` of a collection of `total` items at `path` (whose query already names any filter).
    init(_ name: String, _ items: [HALResource<Item>], total: Int, request: PageRequest, path: String, query: String = "") {
        self.name = name
        self.items = items
        let totalPages = (total + request.size - 1) / request.size
        page = PageInfo(size: request.size, totalElements: total, totalPages: totalPages, number: request.page)
        let href = { (page: Int) in Link(href: "\(path)?\(query)\(query.isEmpty ? "" : "&")page=\(page)&size=\(request.size)") }
        var links = ["self": href(request.page)]
        if request.page + 1 < totalPages { links["next"] = href(request.page + 1) }
        if request.page > 0 { links["prev"] = href(min(request.page - 1, max(totalPages - 1, 0))) }
        self.links = links
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: HALKey.self)
        var embedded = container.nestedContainer(keyedBy: HALKey.self, forKey: HALKey("_embedded"))
        try embedded.encode(items, forKey: HALKey(name))
        try container.encode(page, forKey: HALKey("page"))
        try container.encode(links, forKey: HALKey("_links"))
    }
}

/// A whole collection, small enough to answer at once: `_embedded.<name>` and `_links`.
struct HALList<Item: Encodable & Sendable>: Encodable, Sendable {
    let name: String
    let items: [Item]
    let links: [String: Link]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: HALKey.self)
        var embedded = container.nestedContainer(keyedBy: HALKey.self, forKey: HALKey("_embedded"))
        try embedded.encode(items, forKey: HALKey(name))
        try container.encode(links, forKey: HALKey("_links"))
    }
}

/// `page` (0-based) and `size` (default 25, at most 100) of a collection request.
struct PageRequest: Sendable {
    let page: Int
    let size: Int
    /// The last page a request may ask for: beyond any collection, and low enough that `offset` cannot
    /// overflow.
    static let maxPage = 1_000_000

    var offset: Int { page * size }

    /// The `page` and `size` query parameters of a request.
    init(_ parameters: Parameters) throws {
        try self.init(page: parameters["page"].map(String.init), size: parameters["size"].map(String.init))
    }

    /// This page's share of a collection read whole.
    func items<Item>(of all: [Item]) -> ArraySlice<Item> {
        all.dropFirst(offset).prefix(size)
    }

    init(page: String?, size: String?) throws {
        guard let page = Int(page ?? "0"), (0...Self.maxPage).contains(page) else {
            throw GatewayError(.badRequest, "page must be a whole number from 0 to \(Self.maxPage)", field: "page", code: .invalid)
        }
        guard let size = Int(size ?? "25"), (1...100).contains(size) else {
            throw GatewayError(.badRequest, "size must be a whole number from 1 to 100", field: "size", code: .invalid)
        }
        self.page = page
        self.size = size
    }
}

/// A coding key made from any name, for HAL members (`_links`, `_embedded`, a collection's own name)
/// whose names are only known at run time.
struct HALKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) {
        stringValue = name
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue _: Int) {
        nil
    }
}
