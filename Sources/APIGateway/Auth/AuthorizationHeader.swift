import Hummingbird

/// The credentials of an `Authorization: <scheme> <credentials>` header, for the scheme each family uses
/// (`Apikey`, `Bearer`), matched in any case. Every authenticated request parses it, so it stays cheap.
enum AuthorizationHeader {
    static func credentials(_ request: Request, scheme: String) -> String? {
        // A scan of the few fields, rather than `headers[.authorization]`, which builds an index of them all.
        guard let header = request.headers.first(where: { $0.name == .authorization })?.value,
              let space = header.firstIndex(of: " "),
              header[..<space].lowercased() == scheme
        else { return nil }
        var credentials = header[header.index(after: space)...]
        while credentials.first == " " { credentials = credentials.dropFirst() }
        while credentials.last == " " { credentials = credentials.dropLast() }
        return String(credentials)
    }
}
