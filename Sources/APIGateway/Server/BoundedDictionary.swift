/// A dictionary of at most `capacity` entries, for the gateway's caches: a stream of distinct keys (API
/// keys, notification numbers) must not grow one without bound. When full it forgets everything and fills
/// again, which costs only the lookups that refill it.
struct BoundedDictionary<Key: Hashable, Value> {
    private var entries: [Key: Value] = [:]
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    subscript(key: Key) -> Value? {
        entries[key]
    }

    mutating func insert(_ value: Value, forKey key: Key) {
        if entries[key] == nil, entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = value
    }

    mutating func removeAll() {
        entries.removeAll()
    }
}

extension BoundedDictionary: Sendable where Key: Sendable, Value: Sendable {}
