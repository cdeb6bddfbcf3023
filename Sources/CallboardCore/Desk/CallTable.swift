/// The desk's calls in number order (the order they were received), found by ID.
///
/// Calls are numbered in order, so they live in one array and an ID finds its position by
/// index (a dictionary only for numbers far outside that run, as a hand-made journal might
/// hold). Going over every call — which a console does each second — then borrows each call in
/// place instead of copying it out of a hash table. Calls leave the table when they retire
/// (DeskState.retireClosedCalls) and may come back; the order is the numbers' either way, so
/// two desks that took the same events in different batches hold the same table.
public struct CallTable: Equatable, Sendable {
    /// The calls, by number.
    public private(set) var values: [ServiceCall] = []
    /// For call number n, its position in `values` at index n − 1 (−1: no such call).
    private var dense: [Int32] = []
    private var sparse: [Int: Int] = [:]

    public init() {}

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    /// Where a call stands in the table, if it is there.
    public func position(of id: CallID) -> Int? {
        guard id.number > 0 else { return nil }
        let index = id.number - 1
        // A number first kept in `sparse` stays there even after `dense` grows past it.
        if index < dense.count, dense[index] >= 0 { return Int(dense[index]) }
        return sparse[id.number]
    }

    public subscript(id: CallID) -> ServiceCall? {
        position(of: id).map { values[$0] }
    }

    /// Adds a call that is not yet in the table, in its place by number.
    mutating func insert(_ call: ServiceCall) {
        guard position(of: call.id) == nil, call.id.number > 0 else { return }
        if let last = values.last, last.id.number > call.id.number {
            // Back in its place (a retired call read back, a hand-made journal): the positions
            // after it move, so the index is built again.
            let place = values.partitionPoint { $0.id.number < call.id.number }
            values.insert(call, at: place)
            reindex()
            return
        }
        index(call.id.number, at: values.count)
        values.append(call)
    }

    /// Takes out the calls `leaves` picks, handing each to `body` first; the rest keep their order.
    mutating func remove(where leaves: (ServiceCall) -> Bool, _ body: (ServiceCall) -> Void) {
        // Looked over in place first: most looks find nothing to take out.
        let first: Int? = values.withUnsafeBufferPointer { calls in
            guard let base = calls.baseAddress else { return nil }
            return (0..<calls.count).first { leaves(base[$0]) }
        }
        guard let first else { return }
        values.withUnsafeBufferPointer { calls in
            guard let base = calls.baseAddress else { return }
            for index in first..<calls.count where leaves(base[index]) { body(base[index]) }
        }
        // In place, moving the calls that stay rather than copying them (the table is usually
        // this desk's alone by now: the events just applied copied it away from any reader).
        values.removeAll(where: leaves)
        reindex()
    }

    /// Changes a call in place.
    mutating func modify(_ id: CallID, _ change: (inout ServiceCall) -> Void) {
        guard let position = position(of: id) else { return }
        change(&values[position])
    }

    /// Hands each call to `body` without copying it.
    @inlinable
    public func forEach(_ body: (ServiceCall) throws -> Void) rethrows {
        try values.withUnsafeBufferPointer { calls in
            guard let base = calls.baseAddress else { return }
            for index in 0..<calls.count { try body(base[index]) }
        }
    }

    private mutating func index(_ number: Int, at position: Int) {
        let index = number - 1
        if index < dense.count + 65_536 {
            if dense.count <= index { dense.append(contentsOf: repeatElement(-1, count: index + 1 - dense.count)) }
            dense[index] = Int32(position)
        } else {
            sparse[number] = position
        }
    }

    private mutating func reindex() {
        for i in dense.indices { dense[i] = -1 }
        sparse.removeAll()
        // By number only, read in place: going over the array by value copies every call.
        let numbers = values.withUnsafeBufferPointer { calls in
            calls.baseAddress.map { base in (0..<calls.count).map { base[$0].id.number } } ?? []
        }
        for (position, number) in numbers.enumerated() { index(number, at: position) }
    }

    public static func == (a: CallTable, b: CallTable) -> Bool { a.values == b.values }
}

extension Array {
    /// The first index whose element is not `before` (the elements `before` holds for come first).
    package func partitionPoint(_ before: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if before(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
